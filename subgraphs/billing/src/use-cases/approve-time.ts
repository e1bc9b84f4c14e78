import { parseInput, requireRole } from '@flowledger/shared';
import type { UseCaseOptions, UserError } from '@flowledger/shared';
import { timeEntryIdsSchema } from '../domain/inputs.ts';
import { timeAmount } from '../domain/money-rules.ts';
import { Engagement } from '../entities/index.ts';
import type { ApproveTimeInput } from '../generated/resolvers-types.ts';
import { entriesFor } from './time-batch.ts';
import type { TimeEntriesResult } from './time-batch.ts';
import { coverageIn, knownAssignmentsOf } from './time-coverage.ts';

/**
 * Submitted entries → APPROVED, all or none. Each gets the rate snapshot of the assignment covering
 * its day frozen on it (role, bill rate, currency) and its amount, rounded to the cent half-even;
 * from then on the entry is locked (a trigger refuses any change).
 */
export async function approveTime(options: UseCaseOptions<ApproveTimeInput>): Promise<TimeEntriesResult> {
  requireRole(options.org, 'ADMIN', 'approve time');
  const parsed = parseInput(timeEntryIdsSchema, options.input);
  if (!parsed.ok) return { timeEntries: [], userErrors: parsed.userErrors };
  const batch = await entriesFor(options.em, parsed.data.ids, 'APPROVE');
  if (!batch.ok) return { timeEntries: [], userErrors: batch.userErrors };
  // Two statements for the whole batch (up to 500 entries), not two per entry.
  const [found, known] = await Promise.all([
    options.em.find(Engagement, { id: { $in: [...new Set(batch.entries.map((e) => e.engagementId))] } }),
    knownAssignmentsOf(
      options.em,
      batch.entries.map((e) => e.staffId),
    ),
  ]);
  const engagements = new Map(found.map((e) => [e.id, e]));
  const userErrors: UserError[] = [];
  const approvals = [];
  for (const [index, entry] of batch.entries.entries()) {
    const coverage = coverageIn(known, engagements.get(entry.engagementId)!, { staffId: entry.staffId, date: entry.entryDate }, [
      'input',
      'ids',
      String(index),
    ]);
    if (!coverage.ok) userErrors.push(...coverage.userErrors);
    else approvals.push({ entry, assignment: coverage.assignment });
  }
  if (userErrors.length) return { timeEntries: [], userErrors };
  for (const { entry, assignment } of approvals) {
    entry.status = 'APPROVED';
    entry.assignmentId = assignment.id;
    entry.role = assignment.role;
    entry.billRate = assignment.billRate;
    entry.currency = assignment.currency;
    entry.amount = entry.billable ? timeAmount(entry.minutes, assignment.billRate) : null;
    entry.approvedAt = options.now;
    entry.approvedBy = options.org.actor.id;
  }
  await options.em.flush();
  return { timeEntries: batch.entries, userErrors: [] };
}
