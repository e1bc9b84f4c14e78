import { LockMode } from '@mikro-orm/core';
import { notFound, parseInput, requireRole } from '@flowledger/shared';
import type { UseCaseOptions, UserError } from '@flowledger/shared';
import { todayIn } from '../domain/dates.ts';
import { voidInvoiceSchema } from '../domain/inputs.ts';
import { checkInvoiceAction, documentNumber } from '../domain/invoice-states.ts';
import { Invoice, InvoiceLine } from '../entities/index.ts';
import type { InvoiceRow } from '../entities/index.ts';
import { userError } from '../errors.ts';
import type { VoidInvoiceInput } from '../generated/resolvers-types.ts';
import { freeBilledWork } from './free-billed-work.ts';
import { invoiceMoved, nextDocumentNumber } from './invoice-events.ts';

export interface VoidResult {
  invoice: InvoiceRow | null;
  creditNote: InvoiceRow | null;
  userErrors: UserError[];
}

/**
 * An issued, unpaid invoice → VOID, reversed by a credit note with the next CN number: the same lines,
 * amounts and rate, the reason on both. The invoice then owes nothing, and what it billed can be
 * billed again on a corrected invoice. An invoice with payments cannot be voided.
 */
export async function voidInvoice(options: UseCaseOptions<VoidInvoiceInput>): Promise<VoidResult> {
  requireRole(options.org, 'ADMIN', 'void invoices');
  const parsed = parseInput(voidInvoiceSchema, options.input);
  if (!parsed.ok) return { invoice: null, creditNote: null, userErrors: parsed.userErrors };
  const { em, org, now } = options;
  const invoice = await em.findOne(Invoice, { id: parsed.data.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!invoice) return { invoice: null, creditNote: null, userErrors: notFound(['input', 'id'], 'invoice', parsed.data.id) };
  const verdict = checkInvoiceAction(invoice, 'VOID');
  if (!verdict.ok) return { invoice: null, creditNote: null, userErrors: [userError(['input', 'id'], verdict.message, verdict.code)] };
  const issueDate = todayIn(now);
  const year = Number(issueDate.slice(0, 4));
  const creditNote = em.create(Invoice, {
    orgId: org.orgId,
    kind: 'CREDIT_NOTE',
    engagementId: invoice.engagementId,
    clientId: invoice.clientId,
    clientName: invoice.clientName,
    issuerName: invoice.issuerName,
    status: 'ISSUED',
    currency: invoice.currency,
    periodEnd: invoice.periodEnd,
    issueDate,
    dueDate: issueDate,
    taxRate: invoice.taxRate,
    taxInclusive: invoice.taxInclusive,
    subtotal: invoice.subtotal,
    taxTotal: invoice.taxTotal,
    total: invoice.total,
    baseCurrency: invoice.baseCurrency,
    exchangeRate: invoice.exchangeRate,
    creditsInvoiceId: invoice.id,
    voidReason: parsed.data.reason,
    number: documentNumber('CREDIT_NOTE', year, await nextDocumentNumber(em, org.orgId, 'CREDIT_NOTE', year)),
  });
  for (const line of await em.find(InvoiceLine, { invoiceId: invoice.id }, { orderBy: { position: 'asc' } })) {
    const { id: _id, invoiceId: _invoice, createdAt: _c, updatedAt: _u, ...fields } = line;
    em.create(InvoiceLine, { ...fields, invoiceId: creditNote.id });
  }
  const from = invoice.status;
  invoice.status = 'VOID';
  invoice.voidReason = parsed.data.reason;
  invoice.voidedAt = now;
  await freeBilledWork(em, invoice.id);
  await invoiceMoved(em, invoice, from, now);
  await invoiceMoved(em, creditNote, null, now);
  await em.flush();
  return { invoice, creditNote, userErrors: [] };
}
