import Big from 'big.js';
import { eachDay, isoWeekOf, weekdayOf, weeksOf, weekStartOf } from './calendar.ts';
import type { Weekday } from './calendar.ts';

/**
 * Capacity and allocation per ISO week — the README's formulas, as one pure function:
 * - a working day's capacity = weekly capacity ÷ number of working days;
 * - time off takes its hours per day (at most that capacity; a whole day when not given) off each
 *   working day it covers;
 * - a percent allocation takes that share of each covered day's capacity after time off;
 * - an hours-per-week allocation takes hours ÷ working days on each covered working day, time off or
 *   not (a person off for a day of a 40-hour assignment is over-allocated that week);
 * - only days inside the asked window and inside the assignment's dates count.
 * Figures are exact decimals (big.js), printed with two decimals.
 */
export interface StaffCalendar {
  weeklyCapacityHours: string;
  workingDays: readonly Weekday[];
}
export interface TimeOffSpan {
  startDate: string;
  endDate: string;
  hoursPerDay: string | null;
}
export interface AllocationSpan {
  startDate: string;
  endDate: string;
  allocationPercent: string | null;
  hoursPerWeek: string | null;
  billable: boolean;
}
export interface WeekFigures {
  week: string;
  weekStart: string;
  capacityHours: string;
  allocatedHours: string;
  billableHours: string;
  utilization: string | null;
  billableShare: string | null;
  availableHours: string;
  overAllocated: boolean;
}
export interface UtilizationFigures {
  capacityHours: string;
  allocatedHours: string;
  billableHours: string;
  utilization: string | null;
  billableShare: string | null;
  overAllocated: boolean;
  weeks: WeekFigures[];
}

const ZERO = new Big(0);
const hours = (value: Big) => value.round(2, Big.roundHalfUp).toFixed(2);
const ratio = (part: Big, whole: Big) => (whole.gt(0) ? part.div(whole).round(4, Big.roundHalfUp).toFixed(4) : null);
const covers = (span: { startDate: string; endDate: string }, day: string) => span.startDate <= day && day <= span.endDate;

export function utilizationOf(options: {
  staff: StaffCalendar;
  timeOff: readonly TimeOffSpan[];
  allocations: readonly AllocationSpan[];
  from: string;
  to: string;
}): UtilizationFigures {
  const { staff, from, to } = options;
  const dayCount = staff.workingDays.length;
  const daily = dayCount ? new Big(staff.weeklyCapacityHours).div(dayCount) : ZERO;
  const weeks = new Map(weeksOf(from, to).map((monday) => [monday, { capacity: ZERO, allocated: ZERO, billable: ZERO }]));
  for (const day of eachDay(from, to)) {
    if (!staff.workingDays.includes(weekdayOf(day))) continue;
    const off = options.timeOff.filter((t) => covers(t, day)).reduce((sum, t) => sum.plus(t.hoursPerDay === null ? daily : new Big(t.hoursPerDay)), ZERO);
    const capacity = off.gte(daily) ? ZERO : daily.minus(off);
    const week = weeks.get(weekStartOf(day))!;
    week.capacity = week.capacity.plus(capacity);
    for (const a of options.allocations) {
      if (!covers(a, day)) continue;
      const allocated = a.allocationPercent !== null ? capacity.times(a.allocationPercent).div(100) : new Big(a.hoursPerWeek!).div(dayCount);
      week.allocated = week.allocated.plus(allocated);
      if (a.billable) week.billable = week.billable.plus(allocated);
    }
  }
  const figures: WeekFigures[] = [...weeks].map(([weekStart, w]) => {
    const capacity = new Big(hours(w.capacity));
    const allocated = new Big(hours(w.allocated));
    return {
      week: isoWeekOf(weekStart),
      weekStart,
      capacityHours: hours(capacity),
      allocatedHours: hours(allocated),
      billableHours: hours(w.billable),
      utilization: ratio(allocated, capacity),
      billableShare: ratio(w.billable, capacity),
      availableHours: hours(capacity.gt(allocated) ? capacity.minus(allocated) : ZERO),
      overAllocated: allocated.gt(capacity),
    };
  });
  const sum = (key: 'capacityHours' | 'allocatedHours' | 'billableHours') => figures.reduce((s, w) => s.plus(w[key]), ZERO);
  const capacity = sum('capacityHours');
  const allocated = sum('allocatedHours');
  const billable = sum('billableHours');
  return {
    capacityHours: hours(capacity),
    allocatedHours: hours(allocated),
    billableHours: hours(billable),
    utilization: ratio(allocated, capacity),
    billableShare: ratio(billable, capacity),
    overAllocated: figures.some((w) => w.overAllocated),
    weeks: figures,
  };
}

/** The weeks over-allocated after a change that were not before it: what StaffOverAllocated reports. */
export function newlyOverAllocated(before: UtilizationFigures, after: UtilizationFigures): WeekFigures[] {
  const was = new Set(before.weeks.filter((w) => w.overAllocated).map((w) => w.week));
  return after.weeks.filter((w) => w.overAllocated && !was.has(w.week));
}
