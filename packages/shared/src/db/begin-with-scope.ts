import type pg from 'pg';

// What inOrgScope / inSystemScope send right after `begin`, parameters inlined by the ORM. Only this
// exact shape (a quoted UUID or purpose word) is merged, so nothing a client sent is ever concatenated.
const SCOPE = /^select set_config\('app\.(org_id|system)', '[0-9A-Za-z:_-]{1,64}', true\)$/;

type Query = (...args: unknown[]) => unknown;

/** Transactions whose begin travelled with their scope, in this process (for tests and benchmarks). */
export const beginWithScopeStats = { merged: 0 };

/**
 * Sends a transaction's `begin` and its scope (`set_config('app.org_id', …)`) to PostgreSQL in one
 * round trip instead of two: a `begin` without parameters is held back, and if the next statement is
 * the scope, both go as one simple-protocol query. Anything else after a held `begin` is sent after
 * it, exactly as it would have been. Every request's transaction starts this way, so this is one
 * round trip less per request for every subgraph. Applied to each new pooled connection.
 */
export function sendBeginWithScope(client: pg.Client): void {
  const original = client.query.bind(client) as Query;
  let held = false;
  const isBegin = (args: unknown[]) => args[0] === 'begin' && (args.length === 1 || (args.length === 2 && Array.isArray(args[1]) && args[1].length === 0));
  (client as { query: Query }).query = (...args: unknown[]) => {
    const callback = args.some((arg) => typeof arg === 'function');
    if (!callback && isBegin(args) && !held) {
      held = true;
      return Promise.resolve({ command: 'BEGIN', rowCount: null, rows: [], fields: [] });
    }
    if (!held) return original(...args);
    held = false;
    const text = args[0];
    const noValues = args.length === 1 || (Array.isArray(args[1]) && args[1].length === 0);
    if (!callback && typeof text === 'string' && noValues && SCOPE.test(text)) {
      beginWithScopeStats.merged++;
      // A multi-statement simple query answers one result per statement: the caller's is the last.
      return (original(`begin; ${text}`) as Promise<pg.QueryResult | pg.QueryResult[]>).then((results) => (Array.isArray(results) ? results.at(-1) : results));
    }
    const begun = original('begin') as Promise<unknown>;
    if (!callback) return begun.then(() => original(...args));
    const done = args.find((arg) => typeof arg === 'function') as (error: Error) => void;
    begun.then(
      () => original(...args),
      (error: Error) => done(error),
    );
    return undefined;
  };
}
