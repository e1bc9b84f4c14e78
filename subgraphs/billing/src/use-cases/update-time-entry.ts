import { notFound, parseInput } from '@flowledger/shared';
import type { UseCaseOptions } from '@flowledger/shared';
import { checkTimeEntryAction } from '../domain/time-entry-states.ts';
import { updateTimeEntrySchema } from '../domain/inputs.ts';
import { Engagement, TimeEntry } from '../entities/index.ts';
import { userError } from '../errors.ts';
import type { UpdateTimeEntryInput } from '../generated/resolvers-types.ts';
import type { TimeEntryResult } from './log-time.ts';
import { coverageOf } from './time-coverage.ts';

/** A draft or rejected entry's day, duration, billable flag or note; a new day must still be covered. */
export async function updateTimeEntry(options: UseCaseOptions<UpdateTimeEntryInput>): Promise<TimeEntryResult> {
  const parsed = parseInput(updateTimeEntrySchema, options.input);
  if (!parsed.ok) return { timeEntry: null, userErrors: parsed.userErrors };
  const input = parsed.data;
  const entry = await options.em.findOne(TimeEntry, { id: input.id });
  if (!entry) return { timeEntry: null, userErrors: notFound(['input', 'id'], 'time entry', input.id) };
  const verdict = checkTimeEntryAction(entry.status, 'EDIT');
  if (!verdict.ok) return { timeEntry: null, userErrors: [userError(['input', 'id'], verdict.message, verdict.code)] };
  if (input.date && input.date !== entry.entryDate) {
    const engagement = (await options.em.findOne(Engagement, { id: entry.engagementId }))!;
    const coverage = await coverageOf(options.em, engagement, { staffId: entry.staffId, date: input.date }, ['input', 'date']);
    if (!coverage.ok) return { timeEntry: null, userErrors: coverage.userErrors };
    entry.entryDate = input.date;
    entry.assignmentId = coverage.assignment.id;
    entry.role = coverage.assignment.role;
  }
  if (input.minutes != null) entry.minutes = input.minutes;
  if (input.billable != null) entry.billable = input.billable;
  if (input.note !== undefined) entry.note = input.note;
  await options.em.flush();
  return { timeEntry: entry, userErrors: [] };
}
