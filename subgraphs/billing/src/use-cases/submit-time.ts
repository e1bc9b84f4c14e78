import { parseInput } from '@flowledger/shared';
import type { UseCaseOptions } from '@flowledger/shared';
import { timeEntryIdsSchema } from '../domain/inputs.ts';
import type { SubmitTimeInput } from '../generated/resolvers-types.ts';
import { entriesFor } from './time-batch.ts';
import type { TimeEntriesResult } from './time-batch.ts';

/** Drafts and rejected entries → SUBMITTED, all or none. */
export async function submitTime(options: UseCaseOptions<SubmitTimeInput>): Promise<TimeEntriesResult> {
  const parsed = parseInput(timeEntryIdsSchema, options.input);
  if (!parsed.ok) return { timeEntries: [], userErrors: parsed.userErrors };
  const batch = await entriesFor(options.em, parsed.data.ids, 'SUBMIT');
  if (!batch.ok) return { timeEntries: [], userErrors: batch.userErrors };
  for (const entry of batch.entries) [entry.status, entry.rejectionReason] = ['SUBMITTED', null];
  await options.em.flush();
  return { timeEntries: batch.entries, userErrors: [] };
}
