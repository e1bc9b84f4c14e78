import { Engagement, Milestone } from './engagement.ts';
import { BillingSettings, ExchangeRate, Invoice, InvoiceLine, Payment } from './invoice.ts';
import { KnownAssignment, TimeEntry } from './time-entry.ts';

export { BillingSettings, Engagement, ExchangeRate, Invoice, InvoiceLine, KnownAssignment, Milestone, Payment, TimeEntry };
export type { EngagementRow, MilestoneRow } from './engagement.ts';
export type { BillingSettingsRow, ExchangeRateRow, InvoiceLineRow, InvoiceRow, PaymentRow } from './invoice.ts';
export type { KnownAssignmentRow, TimeEntryRow } from './time-entry.ts';

export const entities = [Engagement, Milestone, TimeEntry, KnownAssignment, Invoice, InvoiceLine, Payment, BillingSettings, ExchangeRate];
