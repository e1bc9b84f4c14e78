import type { EntityManager } from '@mikro-orm/postgresql';
import type { UserError } from '@flowledger/shared';
import { checkTimeEntryAction } from '../domain/time-entry-states.ts';
import type { TimeEntryAction } from '../domain/time-entry-states.ts';
import { TimeEntry } from '../entities/index.ts';
import type { TimeEntryRow } from '../entities/index.ts';
import { userError } from '../errors.ts';

export interface TimeEntriesResult {
  timeEntries: TimeEntryRow[];
  userErrors: UserError[];
}

/**
 * The entries of a batch action, locked in id order (two approvers of one batch wait for each other
 * instead of deadlocking), each checked against the action — or every refusal, naming the position
 * of the id in `input.ids`: a batch is all or none.
 */
export async function entriesFor(
  em: EntityManager,
  ids: string[],
  action: TimeEntryAction,
): Promise<{ ok: true; entries: TimeEntryRow[] } | { ok: false; userErrors: UserError[] }> {
  const found = await em.find(TimeEntry, { id: { $in: ids } }, { orderBy: { id: 'asc' }, lockMode: 4 /* PESSIMISTIC_WRITE */ });
  const byId = new Map(found.map((entry) => [entry.id, entry]));
  const userErrors: UserError[] = [];
  ids.forEach((id, index) => {
    const entry = byId.get(id);
    if (!entry) return userErrors.push(userError(['input', 'ids', String(index)], `no time entry ${id}`, 'NOT_FOUND'));
    const verdict = checkTimeEntryAction(entry.status, action);
    if (!verdict.ok) userErrors.push(userError(['input', 'ids', String(index)], verdict.message, verdict.code));
  });
  return userErrors.length ? { ok: false, userErrors } : { ok: true, entries: ids.map((id) => byId.get(id)!) };
}
