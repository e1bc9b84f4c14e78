import type { EntityManager } from '@mikro-orm/postgresql';

/** The constraint a statement violated, when it was a unique violation (SQLSTATE 23505). */
export function violatedUniqueConstraint(error: unknown): string | null {
  if (!error || typeof error !== 'object') return null;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return code === '23505' && typeof constraint === 'string' ? constraint : null;
}

/**
 * Serialises the writers of one logical key for the rest of the transaction (a transaction-level
 * advisory lock): "read, then insert if absent" becomes safe under concurrency — the second writer
 * waits for the first to commit and then reads its row. Keys are taken in sorted order so two
 * writers asking for the same keys can never deadlock. Keys should name the organisation.
 */
export async function lockKeys(em: EntityManager, keys: string[]): Promise<void> {
  const sorted = [...new Set(keys)].map((key) => `flowledger:${key}`).sort();
  if (!sorted.length) return;
  // One statement for any number of keys (an ingest of 1,000 prospects locks a few thousand).
  await em.execute('select count(pg_advisory_xact_lock(hashtextextended(k, 0))) from (select unnest(array[?]::text[]) as k order by 1) t', [sorted]);
}

/**
 * Runs `work` in a savepoint; if it violates one of the named unique constraints, the savepoint is
 * rolled back (the request's transaction stays usable) and `onViolation` answers instead — the user
 * error a use case promised, or a re-read of the row that won the race. Any other failure is
 * rethrown. The one place a database uniqueness rule becomes a user-facing answer.
 */
export async function onUniqueViolation<T>(
  em: EntityManager,
  answers: Record<string, (constraint: string) => T | Promise<T>>,
  work: (em: EntityManager) => Promise<T>,
): Promise<T> {
  try {
    return await em.transactional((inner) => work(inner as EntityManager));
  } catch (error) {
    const constraint = violatedUniqueConstraint(error);
    const answer = constraint ? answers[constraint] : undefined;
    if (!answer) throw error;
    return answer(constraint!);
  }
}
