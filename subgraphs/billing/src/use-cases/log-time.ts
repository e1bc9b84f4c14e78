import { notFound, parseInput } from '@flowledger/shared';
import type { UseCaseOptions, UserError } from '@flowledger/shared';
import { checkNewWork } from '../domain/engagement-rules.ts';
import { logTimeSchema } from '../domain/inputs.ts';
import { Engagement, TimeEntry } from '../entities/index.ts';
import type { TimeEntryRow } from '../entities/index.ts';
import { userError } from '../errors.ts';
import type { LogTimeInput } from '../generated/resolvers-types.ts';
import { coverageOf } from './time-coverage.ts';

export interface TimeEntryResult {
  timeEntry: TimeEntryRow | null;
  userErrors: UserError[];
}

const refused = (userErrors: UserError[]): TimeEntryResult => ({ timeEntry: null, userErrors });

/**
 * A person's time on an engagement on one day, as a draft (or submitted at once). The day must be
 * covered by one of the person's assignments to the engagement or its pursuit: that assignment's rate
 * snapshot is what the time will bill at.
 */
export async function logTime(options: UseCaseOptions<LogTimeInput>): Promise<TimeEntryResult> {
  const parsed = parseInput(logTimeSchema, options.input);
  if (!parsed.ok) return refused(parsed.userErrors);
  const input = parsed.data;
  const engagement = await options.em.findOne(Engagement, { id: input.engagementId });
  if (!engagement) return refused(notFound(['input', 'engagementId'], 'engagement', input.engagementId));
  const verdict = checkNewWork(engagement, 'TIME');
  if (!verdict.ok) return refused([userError(['input', 'engagementId'], verdict.message, verdict.code)]);
  const coverage = await coverageOf(options.em, engagement, { staffId: input.staffId, date: input.date }, ['input', 'date']);
  if (!coverage.ok) return refused(coverage.userErrors);
  const timeEntry = options.em.create(TimeEntry, {
    orgId: options.org.orgId,
    engagementId: engagement.id,
    staffId: input.staffId,
    entryDate: input.date,
    minutes: input.minutes,
    billable: input.billable ?? true,
    note: input.note ?? null,
    status: input.submit ? 'SUBMITTED' : 'DRAFT',
    assignmentId: coverage.assignment.id,
    role: coverage.assignment.role,
  });
  await options.em.flush();
  return { timeEntry, userErrors: [] };
}
