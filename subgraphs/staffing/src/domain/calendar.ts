/**
 * Calendar days as YYYY-MM-DD strings and ISO weeks, in UTC: a day is a date, never an instant, so
 * no time zone can move it. No I/O.
 */
export const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const DEFAULT_WORKING_DAYS: readonly Weekday[] = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'];

const DAY_MS = 86_400_000;
const toTime = (day: string) => Date.parse(`${day}T00:00:00Z`);
const fromTime = (time: number) => new Date(time).toISOString().slice(0, 10);

export const addDays = (day: string, n: number) => fromTime(toTime(day) + n * DAY_MS);
export const daysBetween = (from: string, to: string) => Math.round((toTime(to) - toTime(from)) / DAY_MS);

/** MONDAY … SUNDAY of a day (Date's getUTCDay counts from Sunday). */
export const weekdayOf = (day: string): Weekday => WEEKDAYS[(new Date(toTime(day)).getUTCDay() + 6) % 7]!;

/** The Monday of the ISO week holding `day`. */
export const weekStartOf = (day: string) => addDays(day, -WEEKDAYS.indexOf(weekdayOf(day)));

/** ISO 8601 week label, e.g. 2026-W01: the week belongs to the year of its Thursday. */
export function isoWeekOf(day: string): string {
  const thursday = addDays(weekStartOf(day), 3);
  const year = thursday.slice(0, 4);
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Every day from `from` to `to`, both included. */
export function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** The Mondays of the ISO weeks that touch from…to. */
export function weeksOf(from: string, to: string): string[] {
  const weeks: string[] = [];
  for (let monday = weekStartOf(from); monday <= to; monday = addDays(monday, 7)) weeks.push(monday);
  return weeks;
}
