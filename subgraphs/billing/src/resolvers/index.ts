import { DateScalar, DateTimeScalar, DecimalScalar, badUserInput, encodeEventCursor, eventResolvers, isUuid } from '@flowledger/shared';
import type { EventRow } from '@flowledger/shared';
import { coveringAssignment } from '../domain/assignment-coverage.ts';
import { todayIn } from '../domain/dates.ts';
import { balanceDue } from '../domain/invoice-states.ts';
import { hoursFromMinutes } from '../domain/money-rules.ts';
import { billingReads } from '../loaders.ts';
import { clientBalance, exchangeRatesArgs, invoices, receivables } from './invoices.ts';
import { invoicePdfUrl } from './pdf-url.ts';
import type { TimeEntryRow } from '../entities/index.ts';
import type { Resolvers } from '../generated/resolvers-types.ts';
import type { Context } from '../context.ts';
import { engagements, timeEntries } from './lists.ts';
import { money } from './money.ts';
import { mutations } from './mutations.ts';

const events = eventResolvers('billing');

const byId =
  <T>(load: (ctx: Context) => { load(id: string): Promise<T | null> }) =>
  (_: unknown, { id }: { id: string }, ctx: Context) =>
    isUuid(id) ? load(ctx).load(id) : null;

/** The assignment that would bill a draft or submitted entry today (approval freezes it). */
async function previewRate(entry: TimeEntryRow, ctx: Context) {
  const [engagement, known] = await Promise.all([ctx.loaders.engagement.load(entry.engagementId), ctx.loaders.assignmentsByStaff.load(entry.staffId)]);
  return engagement ? coveringAssignment(known, { staffId: entry.staffId, date: entry.entryDate }, engagement) : null;
}

export const resolvers: Resolvers<Context> = {
  DateTime: DateTimeScalar,
  Date: DateScalar,
  Decimal: DecimalScalar,
  Query: {
    engagement: byId((ctx) => ctx.loaders.engagement),
    engagements,
    timeEntry: byId((ctx) => ctx.loaders.timeEntry),
    timeEntries,
    invoice: byId((ctx) => ctx.loaders.invoice),
    invoices,
    receivables,
    billingSettings: (_, __, ctx) => ctx.loaders.settings(),
    exchangeRates: async (_, args, ctx) => {
      const parsed = exchangeRatesArgs.safeParse(args);
      if (!parsed.success) throw badUserInput(parsed.error);
      const rows = await billingReads(ctx.em)
        .selectFrom('ExchangeRate')
        .select(['currency', 'rateDate', 'rate'])
        .where('orgId', '=', ctx.org.orgId)
        .where('currency', '=', parsed.data.currency)
        .orderBy('rateDate', 'desc')
        .limit(200)
        .execute();
      return rows.map((r) => ({ currency: r.currency, date: r.rateDate, rate: r.rate }));
    },
    invoiceStatusEvent: events.lookup('InvoiceStatusChanged'),
    invoiceStatusEvents: events.list('InvoiceStatusChanged'),
  },
  Mutation: mutations,
  Client: {
    __resolveReference: (reference) => ({ id: reference.id! }),
    invoices: async (client, { status }, ctx) => {
      if (!isUuid(client.id)) return [];
      const all = await ctx.loaders.invoicesByClient.load(client.id);
      return (status ? all.filter((i) => i.status === status) : all).slice(0, 200);
    },
    balance: (client, _, ctx) =>
      isUuid(client.id) ? clientBalance(client, null, ctx) : ctx.loaders.settings().then((s) => ({ amount: '0.00', currency: s.baseCurrency })),
  },
  Invoice: {
    __resolveReference: (reference, ctx) => (isUuid(reference.id!) ? ctx.loaders.invoice.load(reference.id!) : null),
    engagement: async (i, _, ctx) => (await ctx.loaders.engagement.load(i.engagementId))!,
    client: (i) => ({ id: i.clientId }),
    lines: (i, _, ctx) => ctx.loaders.linesByInvoice.load(i.id),
    subtotal: (i) => ({ amount: i.subtotal, currency: i.currency }),
    taxTotal: (i) => ({ amount: i.taxTotal, currency: i.currency }),
    total: (i) => ({ amount: i.total, currency: i.currency }),
    paid: (i) => ({ amount: i.paidAmount, currency: i.currency }),
    balanceDue: (i) => ({ amount: balanceDue(i), currency: i.currency }),
    payments: (i, _, ctx) => ctx.loaders.paymentsByInvoice.load(i.id),
    creditNote: async (i, _, ctx) => (await ctx.loaders.creditNotes.load(i.id))[0] ?? null,
    credits: (i, _, ctx) => (i.creditsInvoiceId ? ctx.loaders.invoice.load(i.creditsInvoiceId) : null),
    pdfUrl: (i, _, ctx) => invoicePdfUrl(i, ctx),
  },
  InvoiceLine: {
    unitPrice: async (l, _, ctx) => ({ amount: l.unitPrice, currency: (await ctx.loaders.invoice.load(l.invoiceId))!.currency }),
    net: async (l, _, ctx) => ({ amount: l.netAmount, currency: (await ctx.loaders.invoice.load(l.invoiceId))!.currency }),
    tax: async (l, _, ctx) => ({ amount: l.taxAmount, currency: (await ctx.loaders.invoice.load(l.invoiceId))!.currency }),
    total: async (l, _, ctx) => ({ amount: l.totalAmount, currency: (await ctx.loaders.invoice.load(l.invoiceId))!.currency }),
    staffMember: (l) => (l.staffId ? { id: l.staffId } : null),
  },
  Payment: {
    amount: async (p, _, ctx) => ({ amount: p.amount, currency: (await ctx.loaders.invoice.load(p.invoiceId))!.currency }),
  },
  InvoiceStatusChangedEvent: {
    id: (e: EventRow) => e.id,
    cursor: (e: EventRow) => encodeEventCursor(e.position),
    seq: (e: EventRow) => e.seq,
    invoice: async (e, _, ctx) => (await ctx.loaders.invoice.load(e.aggregate_id))!,
    from: (e) => e.payload.from ?? null,
    to: (e) => e.payload.to,
    at: (e) => e.occurred_at,
  },
  Pursuit: {
    __resolveReference: (reference) => ({ id: reference.id! }),
    engagement: async (pursuit, _, ctx) => (isUuid(pursuit.id) ? ((await ctx.loaders.engagementByPursuit.load(pursuit.id))?.engagement ?? null) : null),
  },
  Engagement: {
    __resolveReference: (reference, ctx) => (isUuid(reference.id!) ? ctx.loaders.engagement.load(reference.id!) : null),
    client: (e) => ({ id: e.clientId }),
    pursuit: (e) => (e.pursuitId ? { id: e.pursuitId } : null),
    budget: (e) => money(e.budgetAmount, e.currency),
    milestones: (e, _, ctx) => ctx.loaders.milestonesByEngagement.load(e.id),
    timeEntries: async (e, { status }, ctx) => {
      const all = await ctx.loaders.timeByEngagement.load(e.id);
      return (status ? all.filter((t) => t.status === status) : all).slice(0, 500);
    },
  },
  Milestone: {
    // PENDING until its day, then DUE: read from the day, so no job has to move it at midnight.
    status: (m, _, ctx) => (m.status === 'PENDING' && m.dueDate <= todayIn(ctx.clock.now()) ? 'DUE' : m.status),
    amount: async (m, _, ctx) => money(m.amount, (await ctx.loaders.engagement.load(m.engagementId))!.currency)!,
  },
  TimeEntry: {
    __resolveReference: (reference, ctx) => (isUuid(reference.id!) ? ctx.loaders.timeEntry.load(reference.id!) : null),
    engagement: async (t, _, ctx) => (await ctx.loaders.engagement.load(t.engagementId))!,
    staffMember: (t) => ({ id: t.staffId }),
    date: (t) => t.entryDate,
    hours: (t) => hoursFromMinutes(t.minutes),
    role: async (t, _, ctx) => (t.status === 'APPROVED' ? t.role : ((await previewRate(t, ctx))?.role ?? t.role)) ?? null,
    billRate: async (t, _, ctx) => {
      if (t.status === 'APPROVED') return money(t.billRate, t.currency);
      const covering = await previewRate(t, ctx);
      return covering ? money(covering.billRate, covering.currency) : null;
    },
    amount: (t) => (t.status === 'APPROVED' && t.billable ? money(t.amount, t.currency) : null),
    invoiced: (t) => t.invoiceId !== null,
  },
};
