import type { EntityManager } from '@mikro-orm/postgresql';
import type { UserError } from '@flowledger/shared';
import { coveringAssignment } from '../domain/assignment-coverage.ts';
import type { KnownAssignment as Known } from '../domain/assignment-coverage.ts';
import { KnownAssignment } from '../entities/index.ts';
import type { EngagementRow } from '../entities/index.ts';
import { userError } from '../errors.ts';

type Coverage = { ok: true; assignment: Known } | { ok: false; userErrors: UserError[] };

/**
 * The assignment whose rate snapshot bills a person's day on an engagement, among the known ones —
 * or the user error a client sees: no assignment covers the day, or its rate is in another currency
 * than the engagement bills in (never converted silently).
 */
export function coverageIn(known: readonly Known[], engagement: EngagementRow, entry: { staffId: string; date: string }, field: string[]): Coverage {
  const assignment = coveringAssignment(known, entry, engagement);
  if (!assignment)
    return {
      ok: false,
      userErrors: [userError(field, `no assignment of this staff member to ${engagement.name} (or its pursuit) covers ${entry.date}`, 'NO_ASSIGNMENT')],
    };
  if (assignment.currency !== engagement.currency)
    return {
      ok: false,
      userErrors: [userError(field, `the assignment bills in ${assignment.currency}, the engagement in ${engagement.currency}`, 'RATE_CURRENCY_MISMATCH')],
    };
  return { ok: true, assignment };
}

/** The read model's assignments of these people (billing's copy of staffing's), in one statement. */
export function knownAssignmentsOf(em: EntityManager, staffIds: string[]): Promise<Known[]> {
  return em.find(KnownAssignment, { staffId: { $in: [...new Set(staffIds)] } });
}

/** coverageIn for one entry, reading that person's assignments. */
export async function coverageOf(em: EntityManager, engagement: EngagementRow, entry: { staffId: string; date: string }, field: string[]): Promise<Coverage> {
  return coverageIn(await knownAssignmentsOf(em, [entry.staffId]), engagement, entry, field);
}
