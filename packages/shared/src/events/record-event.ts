import type { EntityManager } from '@mikro-orm/postgresql';
import { uuidv7 } from '../ids.ts';
import { outboxChannel } from './outbox-sql.ts';

export interface NewEvent {
  orgId: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
  /** The aggregate's next sequence number; the (org, aggregate, seq) unique key rejects a duplicate. */
  seq: number;
  payload: Record<string, unknown>;
  occurredAt: Date;
}

/**
 * Writes an event into the schema's outbox inside the caller's transaction, and notifies the relay;
 * PostgreSQL delivers the notification only if that transaction commits. It is due at once (or at its
 * occurrence, if an injected clock put that in the past).
 */
export async function recordEvent(em: EntityManager, schema: string, event: NewEvent): Promise<string> {
  const id = uuidv7(event.occurredAt.getTime());
  // One round trip: the insert and the notification (held by PostgreSQL until the commit) together.
  await em.execute(
    `with recorded as (
       insert into ${schema}.outbox_event (id, org_id, aggregate_type, aggregate_id, seq, type, payload, occurred_at, next_attempt_at)
       values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, least(?::timestamptz, now()))
       returning id
     )
     select pg_notify(?, '') from recorded`,
    [
      id,
      event.orgId,
      event.aggregateType,
      event.aggregateId,
      event.seq,
      event.type,
      JSON.stringify(event.payload),
      event.occurredAt,
      event.occurredAt,
      outboxChannel(schema),
    ],
  );
  return id;
}

/** An aggregate whose events are numbered: its `eventSeq` is the last number used. */
export interface SequencedAggregate {
  id: string;
  orgId: string;
  eventSeq: number;
}

/** Records an event for an aggregate in the request's transaction, with the aggregate's next sequence number (flushed with it). */
export async function recordAggregateEvent(
  em: EntityManager,
  schema: string,
  event: { aggregate: SequencedAggregate; aggregateType: string; type: string; payload: Record<string, unknown>; at: Date },
): Promise<void> {
  event.aggregate.eventSeq += 1;
  await recordEvent(em, schema, {
    orgId: event.aggregate.orgId,
    type: event.type,
    aggregateType: event.aggregateType,
    aggregateId: event.aggregate.id,
    seq: event.aggregate.eventSeq,
    payload: event.payload,
    occurredAt: event.at,
  });
}
