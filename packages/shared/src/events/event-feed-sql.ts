import { tenantPolicySql } from '../db/tenant-policy-sql.ts';
import { SYSTEM_SCOPE_ROLE } from '../db/system-role.ts';
import { outboxPositionsV2 } from './outbox-positions-sql.ts';
import { outboxOrgPositionsV4, outboxSystemScopeV3, outboxTableV1 } from './outbox-sql.ts';

/** The `app.system` purposes of durable consumption: the producer's feed and the consumer's cursor sweep. */
export const FEED_SCOPE = 'event-feed';
export const CURSOR_SCOPE = 'event-consumer';

/**
 * Version 5 of a subgraph's outbox: the event feed. Other subgraphs catch up on what it committed
 * through a signed system call (`/internal/events`), which reads the outbox across organisations in
 * the system scope. This policy lets the system role read positioned events there, and nothing more:
 * it grants no writes, and the application role is not in it.
 */
export function outboxFeedPolicyV5(schema: string): string {
  return `
    create policy event_feed on ${schema}.outbox_event for select to ${SYSTEM_SCOPE_ROLE}
      using (current_setting('app.system', true) = '${FEED_SCOPE}' and position is not null);`;
}

/**
 * A consuming subgraph's bookkeeping, version 1: where each of its consumers stands in each
 * producer's stream per organisation (`event_cursor`), and which events it has applied
 * (`event_inbox`, keyed by event id; written in the transaction of the effect, so an event applies
 * once in effect however often it arrives). Both are tenant rows; the system scope may only read the
 * cursors, to know what to ask for.
 */
export function eventConsumerTablesV1(schema: string): string {
  return `
    create table ${schema}.event_cursor (
      org_id uuid not null,
      consumer text not null,
      source text not null,
      position bigint not null check (position >= 0),
      updated_at timestamptz not null default now(),
      primary key (org_id, consumer, source)
    );
    ${tenantPolicySql(schema, 'event_cursor')}
    create policy consumer_cursors on ${schema}.event_cursor for select to ${SYSTEM_SCOPE_ROLE}
      using (current_setting('app.system', true) = '${CURSOR_SCOPE}');
    create table ${schema}.event_inbox (
      org_id uuid not null,
      consumer text not null,
      event_id uuid not null,
      source text not null,
      type text not null,
      position bigint not null,
      status text not null check (status in ('APPLIED', 'DEAD')),
      attempts integer not null default 1,
      last_error text,
      processed_at timestamptz not null default now(),
      primary key (org_id, consumer, event_id)
    );
    ${tenantPolicySql(schema, 'event_inbox')}`;
}

/** Every version of the outbox at once (V1–V5), for a new subgraph's first migration. */
export function outboxLatest(schema: string): string {
  return [outboxTableV1(schema), outboxPositionsV2(schema), outboxSystemScopeV3(schema), outboxOrgPositionsV4(schema), outboxFeedPolicyV5(schema)].join('\n');
}
