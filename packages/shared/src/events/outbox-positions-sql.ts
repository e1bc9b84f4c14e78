/**
 * Version 2 of a subgraph's outbox: every event gets a `position` when a relay claims it, from one
 * sequence, under a transaction-level advisory lock, so positions are handed out in commit order.
 * The position is the cursor of the catch-up lists: a reader who has seen position P and asks for
 * more than P can never miss an event that is committed later.
 */
export function outboxPositionsV2(schema: string): string {
  return `
    create sequence ${schema}.outbox_position_seq;
    alter table ${schema}.outbox_event add column position bigint;
    create unique index outbox_event_position_uq on ${schema}.outbox_event (position);
    create index outbox_event_org_type_position_idx on ${schema}.outbox_event (org_id, type, position) where position is not null;
    create index outbox_event_published_idx on ${schema}.outbox_event (published_at) where status = 'PUBLISHED';`;
}
