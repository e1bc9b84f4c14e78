import { createHash } from 'node:crypto';
import type pg from 'pg';

type Query = (...args: unknown[]) => unknown;

/** Distinct statements one connection prepares; past this, further texts run unnamed as before. */
const MAX_PER_CONNECTION = 256;
/** Statement texts whose names this process remembers (the name is a hash of the text). */
const MAX_NAMES = 2048;

/** Statements sent as prepared ones, and the first sending of each on its connection (for tests and benchmarks). */
export const namedStatementStats = { executed: 0, prepared: 0 };

const names = new Map<string, string>();
function nameOf(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `fl_${createHash('sha1').update(text).digest('base64url')}`;
    if (names.size >= MAX_NAMES) names.delete(names.keys().next().value!);
    names.set(text, name);
  }
  return name;
}

/**
 * Sends parameterised statements as named prepared statements: node-postgres parses a named
 * statement once per connection and afterwards only binds and executes it, so PostgreSQL skips the
 * parse and analysis of every repeated read (the typed reads send the same few texts with different
 * parameters). Statements without parameters — begin, commit, the scope, MikroORM's inlined SQL —
 * keep the simple protocol. The name is a hash of the text, so one name never means two statements.
 *
 * Bounded per connection (a loader's `in ($1, …)` has one text per batch size). A prepared
 * statement whose tables changed under it (a migration while the service runs) fails once with
 * "cached plan must not change result type"; the connection then prepares under fresh names.
 */
export function nameStatements(client: pg.Client): void {
  const original = client.query.bind(client) as Query;
  let prefix = '';
  let generation = 0;
  const prepared = new Set<string>();
  (client as { query: Query }).query = (...args: unknown[]) => {
    const [text, values] = args;
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0 || args.length !== 2) return original(...args);
    const name = prefix + nameOf(text);
    if (!prepared.has(name)) {
      if (prepared.size >= MAX_PER_CONNECTION) return original(...args);
      prepared.add(name);
      namedStatementStats.prepared++;
    }
    namedStatementStats.executed++;
    return (original({ name, text, values }) as Promise<pg.QueryResult>).catch((error: unknown) => {
      if (isStalePlan(error)) {
        generation++;
        prefix = `g${generation}_`;
        prepared.clear();
      }
      throw error;
    });
  };
}

function isStalePlan(error: unknown): boolean {
  return error instanceof Error && (error as { code?: string }).code === '0A000' && /cached plan/.test(error.message);
}
