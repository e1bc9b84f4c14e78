import type { EntityManager } from '@mikro-orm/postgresql';
import { byIdLoader, countStatements, groupLoader, loadEventRows, plainRows } from '@flowledger/shared';
import type { OrgContext, ReadDB } from '@flowledger/shared';
import DataLoader from 'dataloader';
import Big from 'big.js';
import { formatDecimal } from '@flowledger/shared';
import { inBaseCurrency } from './domain/aging.ts';
import { balanceDue } from './domain/invoice-states.ts';
import { DEFAULT_SETTINGS } from './use-cases/billing-settings.ts';
import type { Settings } from './use-cases/billing-settings.ts';
import type { BillingSettings, Engagement, ExchangeRate, Invoice, InvoiceLine, KnownAssignment, Milestone, Payment, TimeEntry } from './entities/index.ts';

export type BillingDB = ReadDB<
  | typeof Engagement
  | typeof Milestone
  | typeof TimeEntry
  | typeof KnownAssignment
  | typeof Invoice
  | typeof InvoiceLine
  | typeof Payment
  | typeof BillingSettings
  | typeof ExchangeRate
>;

/** The request's typed reader on plain rows (see READ_NAMING): bound to its transaction. */
export const billingReads = (em: EntityManager) =>
  em.getKysely<BillingDB>().withPlugin(plainRows(em)).withSchema('billing').withPlugin(countStatements('billing'));

/**
 * What is open on each issued invoice (issued, partly paid, overdue) of the organisation — or of
 * these clients — in the base currency at the invoice's stored rate, to the cent: receivables and
 * client balances add these up.
 */
export async function openBalances(db: ReturnType<typeof billingReads>, orgId: string, clientIds?: readonly string[]) {
  const rows = await db
    .selectFrom('Invoice')
    .select(['clientId', 'total', 'paidAmount', 'dueDate', 'exchangeRate', 'status', 'kind'])
    .where('orgId', '=', orgId)
    .where('kind', '=', 'INVOICE')
    .where('status', 'in', ['ISSUED', 'PARTIALLY_PAID', 'OVERDUE'])
    .$if(clientIds !== undefined, (q) => q.where('clientId', 'in', [...clientIds!]))
    .execute();
  return rows.map((row) => ({ clientId: row.clientId, dueDate: row.dueDate!, base: inBaseCurrency(balanceDue(row), row.exchangeRate!) }));
}

/** One statement per entity type and per child list, whatever the page size; plain rows. */
export function createLoaders(em: EntityManager, org: OrgContext) {
  const db = billingReads(em);
  const { orgId } = org;
  const keys = (ids: readonly string[]) => [...ids];
  let settings: Promise<Settings> | undefined;
  return {
    /** The organisation's billing settings (or the defaults), read once per request. */
    settings: () =>
      (settings ??= db
        .selectFrom('BillingSettings')
        .select(['baseCurrency', 'taxRate', 'taxInclusive', 'paymentTermsDays', 'legalName'])
        .where('orgId', '=', orgId)
        .executeTakeFirst()
        .then((row) => (row ? { ...row, legalName: row.legalName ?? null } : { ...DEFAULT_SETTINGS }))),
    /** What each client owes on open invoices, in the base currency (each invoice at its rate at issue, to the cent). */
    openBalanceByClient: new DataLoader<string, string>(async (ids) => {
      const sums = new Map<string, Big>();
      for (const row of await openBalances(db, orgId, ids)) sums.set(row.clientId, (sums.get(row.clientId) ?? new Big(0)).plus(row.base));
      return ids.map((id) => formatDecimal(sums.get(id) ?? new Big(0)));
    }),
    event: byIdLoader((ids) => loadEventRows(em, 'billing', orgId, ids)),
    invoice: byIdLoader((ids) => db.selectFrom('Invoice').selectAll().where('orgId', '=', orgId).where('id', 'in', keys(ids)).execute()),
    linesByInvoice: groupLoader(
      (ids) => db.selectFrom('InvoiceLine').selectAll().where('orgId', '=', orgId).where('invoiceId', 'in', keys(ids)).orderBy('position').execute(),
      (l) => l.invoiceId,
    ),
    paymentsByInvoice: groupLoader(
      (ids) => db.selectFrom('Payment').selectAll().where('orgId', '=', orgId).where('invoiceId', 'in', keys(ids)).orderBy('paidOn').orderBy('id').execute(),
      (p) => p.invoiceId,
    ),
    /** A client's invoices and credit notes, newest first. */
    invoicesByClient: groupLoader(
      (ids) =>
        db
          .selectFrom('Invoice')
          .selectAll()
          .where('orgId', '=', orgId)
          .where('clientId', 'in', keys(ids))
          .orderBy('createdAt', 'desc')
          .orderBy('id', 'desc')
          .execute(),
      (i) => i.clientId,
    ),
    /** The credit note that voided each invoice (keyed by the invoice). */
    creditNotes: groupLoader(
      (ids) => db.selectFrom('Invoice').selectAll().where('orgId', '=', orgId).where('creditsInvoiceId', 'in', keys(ids)).execute(),
      (i) => i.creditsInvoiceId!,
    ),
    engagement: byIdLoader((ids) => db.selectFrom('Engagement').selectAll().where('orgId', '=', orgId).where('id', 'in', keys(ids)).execute()),
    timeEntry: byIdLoader((ids) => db.selectFrom('TimeEntry').selectAll().where('orgId', '=', orgId).where('id', 'in', keys(ids)).execute()),
    engagementByPursuit: byIdLoader(async (ids) =>
      (await db.selectFrom('Engagement').selectAll().where('orgId', '=', orgId).where('pursuitId', 'in', keys(ids)).execute()).map((e) => ({
        ...e,
        engagement: e,
        id: e.pursuitId!,
      })),
    ),
    milestonesByEngagement: groupLoader(
      (ids) =>
        db.selectFrom('Milestone').selectAll().where('orgId', '=', orgId).where('engagementId', 'in', keys(ids)).orderBy('dueDate').orderBy('id').execute(),
      (m) => m.engagementId,
    ),
    timeByEngagement: groupLoader(
      (ids) =>
        db
          .selectFrom('TimeEntry')
          .selectAll()
          .where('orgId', '=', orgId)
          .where('engagementId', 'in', keys(ids))
          .orderBy('entryDate', 'desc')
          .orderBy('id')
          .execute(),
      (t) => t.engagementId,
    ),
    /** The read model's assignments of these people, for the rate a draft would bill at. */
    assignmentsByStaff: groupLoader(
      (ids) => db.selectFrom('KnownAssignment').selectAll().where('orgId', '=', orgId).where('staffId', 'in', keys(ids)).execute(),
      (a) => a.staffId,
    ),
  };
}

export type BillingLoaders = ReturnType<typeof createLoaders>;
