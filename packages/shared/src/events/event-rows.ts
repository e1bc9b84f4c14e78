import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Reading a subgraph's own outbox as events: the lookup a subscription resolves per delivered event,
 * and the catch-up list after a cursor. Once for every subgraph with events.
 */
export interface EventRow {
  id: string;
  position: string;
  type: string;
  aggregate_id: string;
  seq: number;
  payload: Record<string, any>;
  occurred_at: Date;
}

// The position leaves as text (a bigint may pass 2^53); lists order by the column, never by this alias.
const COLUMNS = 'id, position::text as position, type, aggregate_id, seq, payload, occurred_at';
const SCHEMA_RE = /^[a-z][a-z0-9_]*$/;

const outbox = (schema: string) => {
  if (!SCHEMA_RE.test(schema)) throw new Error(`not a schema name: ${schema}`);
  return `${schema}.outbox_event`;
};

/** The events with these ids in one organisation (said again beside RLS), once claimed by the relay. */
export function loadEventRows(em: EntityManager, schema: string, orgId: string, ids: readonly string[]): Promise<EventRow[]> {
  return em.execute<EventRow[]>(`select ${COLUMNS} from ${outbox(schema)} where org_id = ? and id in (?) and position is not null`, [orgId, [...ids]]);
}

export const encodeEventCursor = (position: string) => Buffer.from(`p:${position}`).toString('base64url');

/** The position a cursor carries, or null for anything that is not one of ours. */
export function decodeEventCursor(cursor: string): string | null {
  const match = /^p:(\d{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? match[1]! : null;
}

/**
 * One kind of event after a position, oldest first, `limit + 1` rows (the extra says there is a next
 * page). `where` adds conditions on the payload, with their parameters.
 */
export function listEventRows(
  em: EntityManager,
  schema: string,
  options: { orgId: string; type: string; from: string; limit: number; where?: string[]; params?: unknown[] },
): Promise<EventRow[]> {
  const where = ['org_id = ?', 'type = ?', 'position > ?::bigint', ...(options.where ?? [])];
  return em.execute<EventRow[]>(`select ${COLUMNS} from ${outbox(schema)} where ${where.join(' and ')} order by outbox_event.position limit ?`, [
    options.orgId,
    options.type,
    options.from,
    ...(options.params ?? []),
    options.limit + 1,
  ]);
}

/** A catch-up page from `listEventRows`' `limit + 1` rows: edges with cursors and the page info. */
export function eventConnection(rows: EventRow[], limit: number, after: string | null | undefined) {
  const edges = rows.slice(0, limit).map((node) => ({ cursor: encodeEventCursor(node.position), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > limit,
      hasPreviousPage: Boolean(after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? after ?? null,
    },
  };
}
