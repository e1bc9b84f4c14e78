import { daysBetween, eachDay, isoWeekOf, weekdayOf, weeksOf, weekStartOf } from './calendar.ts';
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
 * Figures are exact (integer units, see below), printed with two decimals; shares with four.
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

/**
 * Exact without a decimal library in the inner loop: hours are counted in integer units of
 * 1 / (working days × 10^6) hour. A working day's capacity (weekly ÷ days) is then weekly × 10^6
 * units, time off and hours-per-week shares are integers, and so is a percent (two decimals) of a
 * capacity. A year of 168-hour weeks stays far below 2^53.
 */
const MICRO = 1_000_000;
const units = (decimal: string, scale: number) => Math.round(Number(decimal) * 100) * (scale / 100);
/** Hundredths of an hour, rounded half up, from units of 1 / divisor hour. */
const cents = (value: number, divisor: number) => Math.floor((value * 200 + divisor) / (2 * divisor));
/** A non-negative integer count of 10^-places as a decimal string, by integer arithmetic (no float rounding, no toFixed). */
const fixed = (count: number, places: number) => {
  const scale = 10 ** places;
  const fraction = String(count % scale);
  return `${Math.floor(count / scale)}.${'0'.repeat(places - fraction.length)}${fraction}`;
};
const hours = (c: number) => fixed(c, 2);
const ratio = (part: number, whole: number) => (whole > 0 ? fixed(Math.floor((part * 20_000 + whole) / (2 * whole)), 4) : null);

/** The window's days with their weekday and Monday, worked out once for all the people of a request. */
let lastWindow: { key: string; days: { weekday: Weekday; weekIndex: number }[]; weeks: { monday: string; label: string }[] } | null = null;
function windowOf(from: string, to: string) {
  const key = `${from}/${to}`;
  if (lastWindow?.key !== key) {
    const weeks = weeksOf(from, to).map((monday) => ({ monday, label: isoWeekOf(monday) }));
    const index = new Map(weeks.map((w, i) => [w.monday, i]));
    lastWindow = { key, days: eachDay(from, to).map((day) => ({ weekday: weekdayOf(day), weekIndex: index.get(weekStartOf(day))! })), weeks };
  }
  return lastWindow;
}

export function utilizationOf(options: {
  staff: StaffCalendar;
  timeOff: readonly TimeOffSpan[];
  allocations: readonly AllocationSpan[];
  from: string;
  to: string;
}): UtilizationFigures {
  const { staff, from, to } = options;
  const dayCount = staff.workingDays.length;
  const divisor = Math.max(dayCount, 1) * MICRO;
  const daily = dayCount ? units(staff.weeklyCapacityHours, MICRO) : 0;
  const offs = options.timeOff.map((t) => ({ ...t, units: t.hoursPerDay === null ? daily : units(t.hoursPerDay, divisor) }));
  const allocations = options.allocations.map((a) => ({
    ...a,
    percentHundredths: a.allocationPercent !== null ? Math.round(Number(a.allocationPercent) * 100) : null,
    dayUnits: a.hoursPerWeek !== null ? units(a.hoursPerWeek, MICRO) : 0,
  }));
  const window = windowOf(from, to);
  const working = window.days.map((d) => staff.workingDays.includes(d.weekday));
  // Each span as a range of the window's day indexes, clipped to the window.
  const range = (span: { startDate: string; endDate: string }) =>
    [Math.max(0, daysBetween(from, span.startDate)), Math.min(window.days.length - 1, daysBetween(from, span.endDate))] as const;
  const dayCapacity = working.map((w) => (w ? daily : 0));
  for (const t of offs) {
    const [first, last] = range(t);
    for (let i = first; i <= last; i++) if (working[i]) dayCapacity[i]! -= t.units;
  }
  for (let i = 0; i < dayCapacity.length; i++) if (dayCapacity[i]! < 0) dayCapacity[i] = 0;
  const weeks = window.weeks.map(({ monday, label }) => ({ monday, label, capacity: 0, allocated: 0, billable: 0 }));
  for (let i = 0; i < dayCapacity.length; i++) weeks[window.days[i]!.weekIndex]!.capacity += dayCapacity[i]!;
  for (const a of allocations) {
    const [first, last] = range(a);
    for (let i = first; i <= last; i++) {
      if (!working[i]) continue;
      // capacity is a multiple of 10^4 units, so a percent with two decimals of it is whole.
      const allocated = a.percentHundredths !== null ? (dayCapacity[i]! / 10_000) * a.percentHundredths : a.dayUnits;
      const week = weeks[window.days[i]!.weekIndex]!;
      week.allocated += allocated;
      if (a.billable) week.billable += allocated;
    }
  }
  const figures: WeekFigures[] = weeks.map((w) => {
    const capacity = cents(w.capacity, divisor);
    const allocated = cents(w.allocated, divisor);
    const billable = cents(w.billable, divisor);
    return {
      week: w.label,
      weekStart: w.monday,
      capacityHours: hours(capacity),
      allocatedHours: hours(allocated),
      billableHours: hours(billable),
      utilization: ratio(allocated, capacity),
      billableShare: ratio(billable, capacity),
      availableHours: hours(Math.max(capacity - allocated, 0)),
      overAllocated: allocated > capacity,
    };
  });
  const sum = (key: 'capacityHours' | 'allocatedHours' | 'billableHours') => figures.reduce((s, w) => s + Math.round(Number(w[key]) * 100), 0);
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
