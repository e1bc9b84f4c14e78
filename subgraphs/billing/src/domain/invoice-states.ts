import Big from 'big.js';

export const DOCUMENT_KINDS = ['INVOICE', 'CREDIT_NOTE'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const INVOICE_STATUSES = ['DRAFT', 'ISSUED', 'PARTIALLY_PAID', 'PAID', 'OVERDUE', 'VOID'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
export type InvoiceAction = 'EDIT' | 'ISSUE' | 'PAY' | 'VOID' | 'MARK_OVERDUE';

/** Which statuses each action starts from. PAID and VOID are final; a credit note is ISSUED for good. */
const FROM: Record<InvoiceAction, readonly InvoiceStatus[]> = {
  EDIT: ['DRAFT'],
  ISSUE: ['DRAFT'],
  // A paid invoice takes no more: applyPayment answers OVERPAYMENT (a balance of 0.00).
  PAY: ['ISSUED', 'PARTIALLY_PAID', 'OVERDUE', 'PAID'],
  VOID: ['ISSUED', 'OVERDUE'],
  MARK_OVERDUE: ['ISSUED', 'PARTIALLY_PAID'],
};

export type InvoiceVerdict = { ok: true } | { ok: false; code: 'INVOICE_ISSUED' | 'INVALID_TRANSITION' | 'INVOICE_HAS_PAYMENTS'; message: string };

export function checkInvoiceAction(invoice: { status: InvoiceStatus; kind: DocumentKind; paidAmount: string }, action: InvoiceAction): InvoiceVerdict {
  if (invoice.kind === 'CREDIT_NOTE' && action !== 'EDIT')
    return { ok: false, code: 'INVALID_TRANSITION', message: 'a credit note is final: it is neither paid nor voided' };
  if (action === 'VOID' && invoice.status === 'PARTIALLY_PAID')
    return { ok: false, code: 'INVOICE_HAS_PAYMENTS', message: 'an invoice with payments recorded cannot be voided' };
  if (FROM[action].includes(invoice.status)) return { ok: true };
  if (action === 'EDIT' || (action === 'ISSUE' && invoice.status !== 'VOID'))
    return { ok: false, code: 'INVOICE_ISSUED', message: `the invoice is ${invoice.status}: an issued invoice cannot be changed` };
  return {
    ok: false,
    code: 'INVALID_TRANSITION',
    message: `a ${invoice.status} invoice cannot be ${{ PAY: 'paid', VOID: 'voided', MARK_OVERDUE: 'overdue', ISSUE: 'issued', EDIT: 'edited' }[action]}`,
  };
}

/** What is still owed on an invoice; a void one and a credit note owe nothing. */
export function balanceDue(invoice: { status: InvoiceStatus; kind: DocumentKind; total: string; paidAmount: string }): string {
  if (invoice.kind === 'CREDIT_NOTE' || invoice.status === 'VOID' || invoice.status === 'DRAFT') return '0.00';
  return new Big(invoice.total).minus(invoice.paidAmount).toFixed(2);
}

export type PaymentVerdict = { ok: true; status: InvoiceStatus; balance: string } | { ok: false; code: 'OVERPAYMENT'; message: string };

/** A payment of `amount`: refused beyond the balance; the status it leaves (past due and unpaid stays OVERDUE). */
export function applyPayment(invoice: { status: InvoiceStatus; total: string; paidAmount: string }, amount: string): PaymentVerdict {
  const balance = new Big(invoice.total).minus(invoice.paidAmount);
  if (new Big(amount).gt(balance)) return { ok: false, code: 'OVERPAYMENT', message: `the balance due is ${balance.toFixed(2)}; ${amount} is more` };
  const left = balance.minus(amount);
  const status = left.eq(0) ? 'PAID' : invoice.status === 'OVERDUE' ? 'OVERDUE' : 'PARTIALLY_PAID';
  return { ok: true, status, balance: left.toFixed(2) };
}

/** INV-2026-0001, CN-2026-0001: per organisation, kind and year of issue, four digits at least. */
export function documentNumber(kind: DocumentKind, year: number, n: number): string {
  return `${kind === 'INVOICE' ? 'INV' : 'CN'}-${year}-${String(n).padStart(4, '0')}`;
}
