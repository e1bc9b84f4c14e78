import type { EntityManager } from '@mikro-orm/postgresql';
import { groupRows } from '@flowledger/shared';
import { staffingReads } from '../loaders.ts';
import { utilizationOf } from '../domain/utilization.ts';
import type { UtilizationFigures } from '../domain/utilization.ts';
import type { Weekday } from '../domain/calendar.ts';
import type { StaffMemberRow } from '../entities/index.ts';

export interface StaffFigures {
  staff: StaffMemberRow;
  figures: UtilizationFigures;
}

/**
 * Utilization of many people over a window in three statements, whatever their number: the people
 * (those named, else every active one), their time off and their assignments that touch the window.
 * Ended assignments count up to their (moved) end date, like active ones.
 */
export async function staffFigures(
  em: EntityManager,
  options: { orgId: string; from: string; to: string; staffIds?: readonly string[] | null },
): Promise<StaffFigures[]> {
  const db = staffingReads(em);
  const { orgId, from, to } = options;
  const ids = options.staffIds ? [...new Set(options.staffIds)] : null;
  if (ids && ids.length === 0) return [];
  const staff = await db
    .selectFrom('StaffMember')
    .selectAll()
    .where('orgId', '=', orgId)
    .$if(ids !== null, (q) => q.where('id', 'in', ids!))
    .$if(ids === null, (q) => q.where('active', '=', true))
    .orderBy('name')
    .orderBy('id')
    .execute();
  if (staff.length === 0) return [];
  const staffIds = staff.map((s) => s.id);
  // A window of a year over 500 people: the ids go as one array parameter.
  const [timeOff, assignments] = await Promise.all([
    db
      .selectFrom('TimeOff')
      .select(['staffId', 'startDate', 'endDate', 'hoursPerDay'])
      .where('orgId', '=', orgId)
      .where('staffId', 'in', staffIds)
      .where('startDate', '<=', to)
      .where('endDate', '>=', from)
      .execute(),
    db
      .selectFrom('Assignment')
      .select(['id', 'staffId', 'startDate', 'endDate', 'allocationPercent', 'hoursPerWeek', 'engagementId'])
      .where('orgId', '=', orgId)
      .where('staffId', 'in', staffIds)
      .where('startDate', '<=', to)
      .where('endDate', '>=', from)
      .execute(),
  ]);
  const offByStaff = groupRows(timeOff, (t) => t.staffId);
  const workByStaff = groupRows(assignments, (a) => a.staffId);
  return staff.map((s) => ({
    staff: s,
    figures: utilizationOf({
      staff: { weeklyCapacityHours: s.weeklyCapacityHours, workingDays: s.workingDays as Weekday[] },
      timeOff: offByStaff.get(s.id) ?? [],
      allocations: (workByStaff.get(s.id) ?? []).map((a) => ({ ...a, billable: a.engagementId !== null })),
      from,
      to,
    }),
  }));
}
