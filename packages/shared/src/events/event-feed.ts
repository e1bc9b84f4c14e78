import { z } from 'zod';
import type { Orm } from '../db/create-orm.ts';
import { inSystemScope } from '../db/org-scope.ts';
import type { EventEnvelope } from './event-envelope.ts';
import { FEED_SCOPE } from './event-feed-sql.ts';

/** The most events one feed call returns; a consumer that gets this many asks again at once. */
export const FEED_MAX_LIMIT = 500;

const SCHEMA_RE = /^[a-z][a-z0-9_]*$/;

/**
 * What a consumer asks a producer's `/internal/events`: the event types it consumes and, per
 * organisation, the last position it applied. Organisations it does not name are read from the start,
 * so a new organisation's first events reach every consumer without anyone registering it.
 */
export const feedRequestSchema = z.strictObject({
  types: z
    .array(z.string().regex(/^[A-Z][A-Za-z0-9]{1,63}$/, 'an event type such as PursuitWon'))
    .min(1)
    .max(32),
  cursors: z.record(z.uuid(), z.string().regex(/^\d{1,19}$/, 'a position')).refine((c) => Object.keys(c).length <= 100_000, 'at most 100,000 organisations'),
  limit: z.number().int().min(1).max(FEED_MAX_LIMIT).default(FEED_MAX_LIMIT),
});
export type FeedRequest = z.input<typeof feedRequestSchema>;

interface FeedRow {
  id: string;
  org_id: string;
  position: string;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  seq: number;
  payload: Record<string, unknown>;
  occurred_at: Date;
}

/**
 * The producer's side of durable consumption: positioned events of the asked types after each
 * organisation's cursor, in (organisation, position) order. Positions count per organisation in
 * commit order (outbox V4), so a consumer that has applied position P and asks for more than P can
 * never miss one committed later. Read in the system scope, through the feed's own select-only policy.
 */
export async function readEventFeed(
  systemOrm: Orm,
  options: { schema: string; source: string; request: unknown },
): Promise<{ ok: true; events: EventEnvelope[] } | { ok: false; message: string }> {
  if (!SCHEMA_RE.test(options.schema)) throw new Error(`not a schema name: ${options.schema}`);
  const parsed = feedRequestSchema.safeParse(options.request);
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') };
  const { types, cursors, limit } = parsed.data;
  const rows = await inSystemScope(systemOrm, FEED_SCOPE, (em) =>
    em.execute<FeedRow[]>(
      `select id, org_id, position::text as position, type, aggregate_type, aggregate_id, seq, payload, occurred_at
       from ${options.schema}.outbox_event e
       where e.position is not null
         and e.type = any(string_to_array(?, ','))
         and e.position > coalesce((?::jsonb ->> e.org_id::text)::bigint, 0)
       order by e.org_id, e.position
       limit ?`,
      [types.join(','), JSON.stringify(cursors), limit],
    ),
  );
  return {
    ok: true,
    events: rows.map((row) => ({
      id: row.id,
      position: row.position,
      orgId: row.org_id,
      source: options.source,
      type: row.type,
      aggregateType: row.aggregate_type,
      aggregateId: row.aggregate_id,
      seq: row.seq,
      occurredAt: new Date(row.occurred_at).toISOString(),
      payload: row.payload,
    })),
  };
}
