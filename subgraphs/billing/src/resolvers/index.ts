import { DateScalar, DateTimeScalar, DecimalScalar, isUuid } from '@flowledger/shared';
import { coveringAssignment } from '../domain/assignment-coverage.ts';
import { hoursFromMinutes } from '../domain/money-rules.ts';
import type { TimeEntryRow } from '../entities/index.ts';
import type { Resolvers } from '../generated/resolvers-types.ts';
import type { Context } from '../context.ts';
import { engagements, timeEntries } from './lists.ts';
import { money } from './money.ts';
import { mutations } from './mutations.ts';

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
  },
  Mutation: mutations,
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
