import { parseInput, requireRole } from '@flowledger/shared';
import type { UseCaseOptions } from '@flowledger/shared';
import { rejectTimeSchema } from '../domain/inputs.ts';
import type { RejectTimeInput } from '../generated/resolvers-types.ts';
import { entriesFor } from './time-batch.ts';
import type { TimeEntriesResult } from './time-batch.ts';

/** Submitted entries → REJECTED with the reason, all or none; their author edits and submits again. */
export async function rejectTime(options: UseCaseOptions<RejectTimeInput>): Promise<TimeEntriesResult> {
  requireRole(options.org, 'ADMIN', 'reject time');
  const parsed = parseInput(rejectTimeSchema, options.input);
  if (!parsed.ok) return { timeEntries: [], userErrors: parsed.userErrors };
  const batch = await entriesFor(options.em, parsed.data.ids, 'REJECT');
  if (!batch.ok) return { timeEntries: [], userErrors: batch.userErrors };
  for (const entry of batch.entries) [entry.status, entry.rejectionReason] = ['REJECTED', parsed.data.reason];
  await options.em.flush();
  return { timeEntries: batch.entries, userErrors: [] };
}
