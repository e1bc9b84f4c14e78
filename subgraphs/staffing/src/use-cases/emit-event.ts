import type { EntityManager } from '@mikro-orm/postgresql';
import { recordAggregateEvent } from '@flowledger/shared';
import type { SequencedAggregate } from '@flowledger/shared';
import type { WeekFigures } from '../domain/utilization.ts';
import type { StaffFigures } from './staff-calendars.ts';
import { newlyOverAllocated } from '../domain/utilization.ts';
import { staffFigures } from './staff-calendars.ts';

export const STAFFING_SCHEMA = 'staffing';

type Sequenced = SequencedAggregate;

/** Records an event for an aggregate in the request's transaction, with the aggregate's next sequence number. */
export function emitEvent(em: EntityManager, aggregate: Sequenced, aggregateType: string, type: string, payload: Record<string, unknown>, at: Date) {
  return recordAggregateEvent(em, STAFFING_SCHEMA, { aggregate, aggregateType, type, payload, at });
}

/** Every change to one person's capacity or allocations takes this lock first: the over-allocation check sees them in order. */
export const staffKey = (orgId: string, staffId: string) => `staffing:staff:${orgId}:${staffId}`;

/** One person's figures over a window, to compare before and after a change. */
export async function figuresOf(em: EntityManager, orgId: string, staffId: string, from: string, to: string): Promise<StaffFigures['figures']> {
  const [one] = await staffFigures(em, { orgId, from, to, staffIds: [staffId] });
  return one!.figures;
}

/**
 * StaffOverAllocated when a change leaves a person over-allocated in weeks that were not before it:
 * the resource dashboard hears of each new over-allocation once, not of every later edit.
 */
export async function emitIfNewlyOverAllocated(
  em: EntityManager,
  staff: Sequenced,
  before: StaffFigures['figures'],
  window: { from: string; to: string },
  at: Date,
): Promise<WeekFigures[]> {
  await em.flush();
  const after = await figuresOf(em, staff.orgId, staff.id, window.from, window.to);
  const weeks = newlyOverAllocated(before, after);
  if (weeks.length) {
    await emitEvent(
      em,
      staff,
      'StaffMember',
      'StaffOverAllocated',
      {
        staffId: staff.id,
        weeks: weeks.map((w) => ({ week: w.week, capacityHours: w.capacityHours, allocatedHours: w.allocatedHours })),
        at: at.toISOString(),
      },
      at,
    );
    await em.flush();
  }
  return weeks;
}
