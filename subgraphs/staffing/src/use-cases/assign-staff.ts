import Big from 'big.js';
import { checkForeignReferences, lockKeys, notFound, parseInput } from '@flowledger/shared';
import type { UseCaseOptions, UserError } from '@flowledger/shared';
import { Assignment, RateCard, RateCardVersion, RoleRate, StaffMember } from '../entities/index.ts';
import type { AssignmentRow } from '../entities/index.ts';
import { assignStaffSchema } from '../domain/inputs.ts';
import { versionInEffect } from '../domain/rate-card-rules.ts';
import { userError } from '../errors.ts';
import type { AssignStaffInput } from '../generated/resolvers-types.ts';
import { emitEvent, emitIfNewlyOverAllocated, figuresOf, staffKey } from './emit-event.ts';

export interface AssignmentResult {
  assignment: AssignmentRow | null;
  userErrors: UserError[];
}

const refused = (userErrors: UserError[]): AssignmentResult => ({ assignment: null, userErrors });

/** Hours per week may not exceed the person's week; percent is bounded by the input schema (at most 100). */
export function hoursBeyondCapacity(hoursPerWeek: string | null | undefined, weeklyCapacityHours: string): UserError[] {
  return hoursPerWeek && new Big(hoursPerWeek).gt(weeklyCapacityHours)
    ? [userError(['input', 'hoursPerWeek'], `must be at most the weekly capacity of ${weeklyCapacityHours} hours (over 100 %)`, 'INVALID_INPUT')]
    : [];
}

/**
 * A person on a pursuit or an engagement, with the rate in force on the start date frozen on the
 * assignment (card, version, bill and cost rate): publishing later versions never changes it.
 * Engagement ids are stored as given until the billing subgraph exists to confirm them.
 */
export async function assignStaff(options: UseCaseOptions<AssignStaffInput>): Promise<AssignmentResult> {
  const parsed = parseInput(assignStaffSchema, options.input);
  if (!parsed.ok) return refused(parsed.userErrors);
  const input = parsed.data;
  const orgId = options.org.orgId;
  const [staff, card] = await Promise.all([options.em.findOne(StaffMember, { id: input.staffId }), options.em.findOne(RateCard, { id: input.rateCardId })]);
  if (!staff) return refused(notFound(['input', 'staffId'], 'staff member', input.staffId));
  if (!card) return refused(notFound(['input', 'rateCardId'], 'rate card', input.rateCardId));
  if (!staff.active) return refused([userError(['input', 'staffId'], `${staff.name} is not active`, 'STAFF_INACTIVE')]);
  const overCapacity = hoursBeyondCapacity(input.hoursPerWeek, staff.weeklyCapacityHours);
  if (overCapacity.length) return refused(overCapacity);
  const role = input.role ?? staff.role;
  const version = versionInEffect(await options.em.find(RateCardVersion, { rateCardId: card.id }), input.startDate);
  if (!version)
    return refused([userError(['input', 'startDate'], `${card.name} has no published version in effect on ${input.startDate}`, 'NO_RATE_IN_EFFECT')]);
  const rate = await options.em.findOne(RoleRate, { versionId: version.id, role });
  if (!rate) return refused([userError(['input', 'role'], `${card.name} version ${version.version} has no rate for role ${role}`, 'UNKNOWN_ROLE')]);
  if (input.pursuitId) {
    const missing = await checkForeignReferences(options.references, [
      { field: ['input', 'pursuitId'], subgraph: 'workstream', typename: 'Pursuit', id: input.pursuitId },
    ]);
    if (missing.length) return refused(missing);
  }
  await lockKeys(options.em, [staffKey(orgId, staff.id)]);
  const window = { from: input.startDate, to: input.endDate };
  const before = await figuresOf(options.em, orgId, staff.id, window.from, window.to);
  const assignment = options.em.create(Assignment, {
    orgId,
    staffId: staff.id,
    pursuitId: input.pursuitId ?? null,
    engagementId: input.engagementId ?? null,
    role,
    allocationPercent: input.allocationPercent ?? null,
    hoursPerWeek: input.hoursPerWeek ?? null,
    startDate: input.startDate,
    endDate: input.endDate,
    rateCardId: card.id,
    rateCardVersionId: version.id,
    rateCardVersion: version.version,
    rateEffectiveFrom: version.effectiveFrom,
    billRate: rate.billRate,
    costRate: rate.costRate,
    currency: card.currency,
  });
  await emitEvent(options.em, assignment, 'Assignment', 'AssignmentCreated', assignmentFacts(assignment), options.now);
  await emitIfNewlyOverAllocated(options.em, staff, before, window, options.now);
  return { assignment, userErrors: [] };
}

/** What AssignmentCreated and AssignmentEnded carry: enough for billing to bill at the snapshot without asking back. */
export function assignmentFacts(a: AssignmentRow): Record<string, unknown> {
  return {
    assignmentId: a.id,
    staffId: a.staffId,
    pursuitId: a.pursuitId,
    engagementId: a.engagementId,
    role: a.role,
    startDate: a.startDate,
    endDate: a.endDate,
    allocationPercent: a.allocationPercent,
    hoursPerWeek: a.hoursPerWeek,
    rateCardId: a.rateCardId,
    rateCardVersionId: a.rateCardVersionId,
    rateCardVersion: a.rateCardVersion,
    billRate: a.billRate,
    costRate: a.costRate,
    currency: a.currency,
  };
}
