import type { EntityManager } from '@mikro-orm/postgresql';
import type { UserError } from '@flowledger/shared';
import { coveringAssignment } from '../domain/assignment-coverage.ts';
import type { KnownAssignment as Known } from '../domain/assignment-coverage.ts';
import { KnownAssignment } from '../entities/index.ts';
import type { EngagementRow } from '../entities/index.ts';
import { userError } from '../errors.ts';

/**
 * The assignment whose rate snapshot bills a person's day on an engagement, from billing's read model
 * of staffing's events — or the user error a client sees: no assignment covers the day, or its rate is
 * in another currency than the engagement bills in (never converted silently).
 */
export async function coverageOf(
  em: EntityManager,
  engagement: EngagementRow,
  entry: { staffId: string; date: string },
  field: string[],
): Promise<{ ok: true; assignment: Known } | { ok: false; userErrors: UserError[] }> {
  const known = await em.find(KnownAssignment, { staffId: entry.staffId });
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
