import { tenantPolicySql } from '../db/tenant-policy-sql.ts';
import { SYSTEM_SCOPE_ROLE } from '../db/system-role.ts';

/**
 * The outbox table of a subgraph's schema, version 1, for its migration. Tenant rows like any other,
 * plus one policy that admits the relay's system scope (`app.system = 'outbox-relay'`) so it can claim
 * rows of every organisation — and nothing else can.
 */
export function outboxTableV1(schema: string): string {
  return `
    create table ${schema}.outbox_event (
      id uuid primary key,
      org_id uuid not null,
      aggregate_type text not null,
      aggregate_id uuid not null,
      seq integer not null check (seq > 0),
      type text not null,
      payload jsonb not null,
      occurred_at timestamptz not null,
      status text not null default 'PENDING' check (status in ('PENDING', 'PUBLISHED', 'DEAD')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null,
      claimed_at timestamptz,
      claimed_by text,
      published_at timestamptz,
      last_error text,
      created_at timestamptz not null default now(),
      unique (org_id, id),
      unique (org_id, aggregate_id, seq)
    );
    create index outbox_event_due_idx on ${schema}.outbox_event (next_attempt_at) where status = 'PENDING';
    create index outbox_event_org_type_idx on ${schema}.outbox_event (org_id, type, id);
    ${tenantPolicySql(schema, 'outbox_event')}
    create policy relay_claims on ${schema}.outbox_event
      using (current_setting('app.system', true) = 'outbox-relay')
      with check (current_setting('app.system', true) = 'outbox-relay');`;
}

/** The NOTIFY channel that wakes a schema's relay (delivered when the writing transaction commits). */
export const outboxChannel = (schema: string) => `flowledger_outbox_${schema}`;

/**
 * Version 3 of a subgraph's outbox: the relay's policy admits only the system scope's role
 * (SYSTEM_SCOPE_ROLE), no longer any connection that sets `app.system` — the application role could
 * set it too. And an index for the relay's rule that an aggregate's later events wait behind its
 * pending one.
 */
export function outboxSystemScopeV3(schema: string): string {
  return `
    drop policy if exists relay_claims on ${schema}.outbox_event;
    create policy relay_claims on ${schema}.outbox_event to ${SYSTEM_SCOPE_ROLE}
      using (current_setting('app.system', true) = 'outbox-relay')
      with check (current_setting('app.system', true) = 'outbox-relay');
    create index outbox_event_pending_aggregate_idx on ${schema}.outbox_event (org_id, aggregate_id, seq) where status = 'PENDING';`;
}

/**
 * Version 4 of a subgraph's outbox: positions count per organisation (1, 2, 3 … in each), from a
 * counter row per organisation that the relay bumps when it claims. With one sequence for all, an
 * organisation could read from two of its own cursors how many events the others produced between
 * them. Existing positions are renumbered in their order.
 */
export function outboxOrgPositionsV4(schema: string): string {
  return `
    create table ${schema}.outbox_org_position (
      org_id uuid primary key,
      last_position bigint not null check (last_position >= 0)
    );
    alter table ${schema}.outbox_org_position enable row level security;
    alter table ${schema}.outbox_org_position force row level security;
    create policy relay_positions on ${schema}.outbox_org_position to ${SYSTEM_SCOPE_ROLE}
      using (current_setting('app.system', true) = 'outbox-relay')
      with check (current_setting('app.system', true) = 'outbox-relay');
    drop index if exists ${schema}.outbox_event_position_uq;
    with renumbered as (
      select id, row_number() over (partition by org_id order by position) as n from ${schema}.outbox_event where position is not null
    )
    update ${schema}.outbox_event e set position = renumbered.n from renumbered where e.id = renumbered.id;
    create unique index outbox_event_org_position_uq on ${schema}.outbox_event (org_id, position);
    insert into ${schema}.outbox_org_position (org_id, last_position)
      select org_id, max(position) from ${schema}.outbox_event where position is not null group by org_id;`;
}
