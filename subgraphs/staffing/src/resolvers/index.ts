import { DateScalar, DateTimeScalar, DecimalScalar, isUuid } from '@flowledger/shared';
import { versionInEffect } from '../domain/rate-card-rules.ts';
import type { Resolvers } from '../generated/resolvers-types.ts';
import type { Context } from '../context.ts';
import { staffingReads } from '../loaders.ts';
import { encodeEventCursor, eventList, eventLookup } from './events.ts';
import type { EventRow } from './events.ts';
import { assignments, staffMembers } from './lists.ts';
import { mutations } from './mutations.ts';
import { availability, skillMatch, utilization } from './utilization.ts';

/** A malformed id names nothing: null, like an id of another organisation. */
const ref = (id: string | null | undefined) => (id ? { id } : null);
const byId =
  <T>(load: (ctx: Context) => { load(id: string): Promise<T | null> }) =>
  (_: unknown, { id }: { id: string }, ctx: Context) =>
    isUuid(id) ? load(ctx).load(id) : null;

export const resolvers: Resolvers<Context> = {
  DateTime: DateTimeScalar,
  Date: DateScalar,
  Decimal: DecimalScalar,
  Query: {
    staffMember: byId((ctx) => ctx.loaders.staffMember),
    staffMembers,
    skill: byId((ctx) => ctx.loaders.skill),
    skills: (_, __, ctx) =>
      staffingReads(ctx.em).selectFrom('Skill').selectAll().where('orgId', '=', ctx.org.orgId).orderBy('name').orderBy('id').limit(1000).execute(),
    rateCard: byId((ctx) => ctx.loaders.rateCard),
    rateCards: (_, __, ctx) =>
      staffingReads(ctx.em).selectFrom('RateCard').selectAll().where('orgId', '=', ctx.org.orgId).orderBy('name').orderBy('id').limit(1000).execute(),
    assignment: byId((ctx) => ctx.loaders.assignment),
    assignments,
    utilization,
    availability,
    skillMatch,
    staffOverAllocationEvent: eventLookup('StaffOverAllocated'),
    staffOverAllocationEvents: eventList('StaffOverAllocated'),
  },
  Mutation: mutations,
  Pursuit: {
    __resolveReference: (reference) => ({ id: reference.id! }),
    team: (pursuit, _, ctx) => (isUuid(pursuit.id) ? ctx.loaders.assignmentsByPursuit.load(pursuit.id) : []),
  },
  Engagement: {
    __resolveReference: (reference) => ({ id: reference.id! }),
    team: (engagement, _, ctx) => (isUuid(engagement.id) ? ctx.loaders.assignmentsByEngagement.load(engagement.id) : []),
  },
  StaffMember: {
    __resolveReference: (reference, ctx) => (isUuid(reference.id!) ? ctx.loaders.staffMember.load(reference.id!) : null),
    user: (staff) => ref(staff.userId),
    skills: (staff, _, ctx) => ctx.loaders.skillsByStaff.load(staff.id),
    timeOff: (staff, _, ctx) => ctx.loaders.timeOffByStaff.load(staff.id),
    assignments: (staff, _, ctx) => ctx.loaders.assignmentsByStaff.load(staff.id),
  },
  StaffSkill: {
    skill: async (held, _, ctx) => (await ctx.loaders.skill.load(held.skillId))!,
  },
  Skill: {
    __resolveReference: (reference, ctx) => (isUuid(reference.id!) ? ctx.loaders.skill.load(reference.id!) : null),
  },
  RateCard: {
    __resolveReference: (reference, ctx) => (isUuid(reference.id!) ? ctx.loaders.rateCard.load(reference.id!) : null),
    versions: (card, _, ctx) => ctx.loaders.versionsByCard.load(card.id),
    rate: async (card, { role, on }, ctx) => {
      const version = versionInEffect(await ctx.loaders.versionsByCard.load(card.id), on);
      const rate = version && (await ctx.loaders.ratesByVersion.load(version.id)).find((r) => r.role === role.trim().toUpperCase());
      return version && rate ? { role: rate.role, billRate: rate.billRate, costRate: rate.costRate, currency: card.currency, version } : null;
    },
  },
  RateCardVersion: {
    rates: (version, _, ctx) => ctx.loaders.ratesByVersion.load(version.id),
  },
  Assignment: {
    __resolveReference: (reference, ctx) => (isUuid(reference.id!) ? ctx.loaders.assignment.load(reference.id!) : null),
    staffMember: async (a, _, ctx) => (await ctx.loaders.staffMember.load(a.staffId))!,
    pursuit: (a) => ref(a.pursuitId),
    engagement: (a) => ref(a.engagementId),
    rateSnapshot: (a) => a,
  },
  RateSnapshot: {
    rateCard: async (a, _, ctx) => (await ctx.loaders.rateCard.load(a.rateCardId))!,
    effectiveFrom: (a) => a.rateEffectiveFrom,
  },
  SkillMatchRequirement: {
    skill: async (r, _, ctx) => (await ctx.loaders.skill.load(r.skillId))!,
  },
  StaffOverAllocationEvent: {
    id: (e: EventRow) => e.id,
    cursor: (e: EventRow) => encodeEventCursor(e.position),
    seq: (e: EventRow) => e.seq,
    staffMember: async (e, _, ctx) => (await ctx.loaders.staffMember.load(e.aggregate_id))!,
    weeks: (e) => e.payload.weeks ?? [],
    at: (e) => e.occurred_at,
  },
};
