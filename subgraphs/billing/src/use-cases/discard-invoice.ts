import { LockMode } from '@mikro-orm/core';
import { notFound, parseInput } from '@flowledger/shared';
import type { UseCaseOptions } from '@flowledger/shared';
import { invoiceIdSchema } from '../domain/inputs.ts';
import { checkInvoiceAction } from '../domain/invoice-states.ts';
import { Invoice, InvoiceLine } from '../entities/index.ts';
import { userError } from '../errors.ts';
import type { DiscardInvoiceInput } from '../generated/resolvers-types.ts';
import type { InvoiceResult } from './generate-invoice.ts';
import { freeBilledWork } from './free-billed-work.ts';

/** A draft goes, and what it billed is free again; an issued invoice is voided instead (INVOICE_ISSUED). */
export async function discardInvoice(options: UseCaseOptions<DiscardInvoiceInput>): Promise<InvoiceResult> {
  const parsed = parseInput(invoiceIdSchema, options.input);
  if (!parsed.ok) return { invoice: null, userErrors: parsed.userErrors };
  const { em } = options;
  const invoice = await em.findOne(Invoice, { id: parsed.data.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!invoice) return { invoice: null, userErrors: notFound(['input', 'id'], 'invoice', parsed.data.id) };
  const verdict = checkInvoiceAction(invoice, 'EDIT');
  if (!verdict.ok) return { invoice: null, userErrors: [userError(['input', 'id'], verdict.message, verdict.code)] };
  await freeBilledWork(em, invoice.id);
  await em.flush();
  await em.nativeDelete(InvoiceLine, { invoiceId: invoice.id });
  const discarded = { ...invoice };
  em.remove(invoice);
  await em.flush();
  return { invoice: discarded, userErrors: [] };
}
