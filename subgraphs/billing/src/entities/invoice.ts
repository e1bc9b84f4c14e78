import { defineEntity, p } from '@mikro-orm/core';
import type { InferEntity } from '@mikro-orm/core';
import { tenantFilters, tenantProperties } from '@flowledger/shared';
import { DOCUMENT_KINDS, INVOICE_STATUSES } from '../domain/invoice-states.ts';

/** An invoice or a credit note; from issue on, its figures never change (a trigger holds them). */
export const Invoice = defineEntity({
  name: 'Invoice',
  tableName: 'invoice',
  filters: tenantFilters,
  properties: {
    ...tenantProperties(),
    kind: p.enum(DOCUMENT_KINDS),
    engagementId: p.uuid(),
    clientId: p.uuid(),
    /** Snapshots at issue: the names printed on the document, whatever changes later. */
    clientName: p.string().nullable(),
    issuerName: p.string().nullable(),
    number: p.string().nullable(),
    status: p.enum(INVOICE_STATUSES).default('DRAFT'),
    currency: p.string().length(3),
    periodEnd: p.string().columnType('date').nullable(),
    issueDate: p.string().columnType('date').nullable(),
    dueDate: p.string().columnType('date').nullable(),
    taxRate: p.decimal('string').precision(7).scale(4),
    taxInclusive: p.boolean(),
    subtotal: p.decimal('string').precision(16).scale(2).default('0.00'),
    taxTotal: p.decimal('string').precision(16).scale(2).default('0.00'),
    total: p.decimal('string').precision(16).scale(2).default('0.00'),
    paidAmount: p.decimal('string').precision(16).scale(2).default('0.00'),
    baseCurrency: p.string().length(3).nullable(),
    exchangeRate: p.decimal('string').precision(18).scale(8).nullable(),
    creditsInvoiceId: p.uuid().nullable(),
    voidReason: p.string().nullable(),
    voidedAt: p.datetime().nullable(),
    eventSeq: p.integer().default(0),
  },
});
export type InvoiceRow = InferEntity<typeof Invoice>;

export const InvoiceLine = defineEntity({
  name: 'InvoiceLine',
  tableName: 'invoice_line',
  filters: tenantFilters,
  properties: {
    ...tenantProperties(),
    invoiceId: p.uuid(),
    position: p.integer(),
    kind: p.enum(['TIME', 'MILESTONE'] as const),
    description: p.string(),
    quantity: p.decimal('string').precision(12).scale(4),
    unitPrice: p.decimal('string').precision(14).scale(4),
    netAmount: p.decimal('string').precision(16).scale(2),
    taxAmount: p.decimal('string').precision(16).scale(2),
    totalAmount: p.decimal('string').precision(16).scale(2),
    staffId: p.uuid().nullable(),
    role: p.string().nullable(),
    milestoneId: p.uuid().nullable(),
  },
});
export type InvoiceLineRow = InferEntity<typeof InvoiceLine>;

export const Payment = defineEntity({
  name: 'Payment',
  tableName: 'payment',
  filters: tenantFilters,
  properties: {
    ...tenantProperties(),
    invoiceId: p.uuid(),
    amount: p.decimal('string').precision(16).scale(2),
    paidOn: p.string().columnType('date'),
    reference: p.string().nullable(),
  },
});
export type PaymentRow = InferEntity<typeof Payment>;

/** An organisation's billing settings; without a row, the documented defaults apply. */
export const BillingSettings = defineEntity({
  name: 'BillingSettings',
  tableName: 'billing_settings',
  filters: tenantFilters,
  properties: {
    ...tenantProperties(),
    baseCurrency: p.string().length(3),
    taxRate: p.decimal('string').precision(7).scale(4),
    taxInclusive: p.boolean(),
    paymentTermsDays: p.integer(),
    legalName: p.string().nullable(),
  },
});
export type BillingSettingsRow = InferEntity<typeof BillingSettings>;

export const ExchangeRate = defineEntity({
  name: 'ExchangeRate',
  tableName: 'exchange_rate',
  filters: tenantFilters,
  properties: {
    ...tenantProperties(),
    currency: p.string().length(3),
    rateDate: p.string().columnType('date'),
    rate: p.decimal('string').precision(18).scale(8),
  },
});
export type ExchangeRateRow = InferEntity<typeof ExchangeRate>;
