import Big from 'big.js';
import { LockMode } from '@mikro-orm/core';
import { notFound, parseInput } from '@flowledger/shared';
import type { UseCaseOptions } from '@flowledger/shared';
import { todayIn } from '../domain/dates.ts';
import { recordPaymentSchema } from '../domain/inputs.ts';
import { applyPayment, checkInvoiceAction } from '../domain/invoice-states.ts';
import { Invoice, Payment } from '../entities/index.ts';
import { userError } from '../errors.ts';
import type { RecordPaymentInput } from '../generated/resolvers-types.ts';
import type { InvoiceResult } from './generate-invoice.ts';
import { invoiceMoved } from './invoice-events.ts';

/** A payment, partial or full, under the invoice's row lock (two payments never both pass the balance check). */
export async function recordPayment(options: UseCaseOptions<RecordPaymentInput>): Promise<InvoiceResult> {
  const parsed = parseInput(recordPaymentSchema, options.input);
  if (!parsed.ok) return { invoice: null, userErrors: parsed.userErrors };
  const input = parsed.data;
  const { em, org } = options;
  const invoice = await em.findOne(Invoice, { id: input.invoiceId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!invoice) return { invoice: null, userErrors: notFound(['input', 'invoiceId'], 'invoice', input.invoiceId) };
  const verdict = checkInvoiceAction(invoice, 'PAY');
  if (!verdict.ok) return { invoice: null, userErrors: [userError(['input', 'invoiceId'], verdict.message, verdict.code)] };
  const paid = applyPayment(invoice, input.amount);
  if (!paid.ok) return { invoice: null, userErrors: [userError(['input', 'amount'], paid.message, paid.code)] };
  em.create(Payment, {
    orgId: org.orgId,
    invoiceId: invoice.id,
    amount: input.amount,
    paidOn: input.paidOn ?? todayIn(options.now),
    reference: input.reference ?? null,
  });
  const from = invoice.status;
  invoice.paidAmount = new Big(invoice.paidAmount).plus(input.amount).toFixed(2);
  invoice.status = paid.status;
  if (from !== invoice.status) await invoiceMoved(em, invoice, from, options.now);
  await em.flush();
  return { invoice, userErrors: [] };
}
