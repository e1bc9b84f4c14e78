import { Migration } from '@mikro-orm/migrations';
import { SYSTEM_SCOPE_ROLE, outboxLatest, tenantPolicySql } from '@flowledger/shared';

/**
 * Tracking: messages and their links, and the hits — an append-only table partitioned by month.
 * Partitions exist from a year back to two years ahead; `ensure_hit_partitions` (run by the hit
 * writer at start and daily, as the owner through SECURITY DEFINER) keeps them ahead, and a default
 * partition takes anything outside them, so a hit never fails for want of a partition. The hit writer
 * (system scope `tracking-hits`) may insert hits of every organisation, read messages' owners to
 * check them, stamp a message's first human open and click, and record EngagementRecorded in the
 * outbox in the same transaction — nothing else across organisations.
 */
export class Migration20261203003000_tracking extends Migration {
  override name = 'Migration20261203003000_tracking';

  override async up(): Promise<void> {
    this.addSql(`
      create table tracking.tracked_message (
        id uuid primary key,
        org_id uuid not null,
        contact_id uuid not null,
        pursuit_id uuid,
        proposal_id uuid,
        subject text not null check (length(subject) between 1 and 500),
        sent_at timestamptz not null,
        first_human_open_at timestamptz,
        first_click_at timestamptz,
        event_seq integer not null default 0,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (org_id, id)
      );
      create index tracked_message_org_contact_idx on tracking.tracked_message (org_id, contact_id);
      create index tracked_message_org_pursuit_idx on tracking.tracked_message (org_id, pursuit_id) where pursuit_id is not null;
      create index tracked_message_org_proposal_idx on tracking.tracked_message (org_id, proposal_id) where proposal_id is not null;

      create table tracking.tracked_link (
        id uuid primary key,
        org_id uuid not null,
        message_id uuid not null,
        position integer not null check (position between 0 and 49),
        url text not null check (length(url) <= 2000 and url ~ '^https?://'),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (org_id, id),
        unique (org_id, message_id, position),
        foreign key (org_id, message_id) references tracking.tracked_message (org_id, id) deferrable initially deferred
      );

      create table tracking.tracking_hit (
        id uuid not null,
        org_id uuid not null,
        message_id uuid not null,
        link_position integer,
        kind text not null check (kind in ('OPEN', 'CLICK')),
        at timestamptz not null,
        ip text,
        user_agent text check (length(user_agent) <= 512),
        is_bot boolean not null,
        machine boolean not null,
        reasons text[] not null,
        score integer not null,
        primary key (at, id)
      ) partition by range (at);
      create index tracking_hit_org_message_idx on tracking.tracking_hit (org_id, message_id, at);
      create table tracking.tracking_hit_default partition of tracking.tracking_hit default;

      create function tracking.ensure_hit_partitions(months_ahead integer) returns integer
        language plpgsql security definer set search_path = pg_catalog, tracking as $$
      declare
        first date := date_trunc('month', now() - interval '12 months')::date;
        made integer := 0;
        m date;
        name text;
      begin
        if months_ahead < 0 or months_ahead > 60 then raise exception 'months_ahead must be 0 to 60'; end if;
        for i in 0 .. 12 + months_ahead loop
          m := (first + make_interval(months => i))::date;
          name := 'tracking_hit_' || to_char(m, 'YYYY_MM');
          if to_regclass('tracking.' || name) is null then
            execute format('create table tracking.%I partition of tracking.tracking_hit for values from (%L) to (%L)', name, m, (m + interval '1 month')::date);
            made := made + 1;
          end if;
        end loop;
        return made;
      end $$;
      revoke all on function tracking.ensure_hit_partitions(integer) from public;
      grant execute on function tracking.ensure_hit_partitions(integer) to ${SYSTEM_SCOPE_ROLE};
      select tracking.ensure_hit_partitions(24);

      ${['tracked_message', 'tracked_link', 'tracking_hit'].map((table) => tenantPolicySql('tracking', table)).join('\n')}
      create policy hit_writer on tracking.tracking_hit for insert to ${SYSTEM_SCOPE_ROLE}
        with check (current_setting('app.system', true) = 'tracking-hits');
      create policy hit_writer_messages on tracking.tracked_message for select to ${SYSTEM_SCOPE_ROLE}
        using (current_setting('app.system', true) = 'tracking-hits');
      create policy hit_writer_firsts on tracking.tracked_message for update to ${SYSTEM_SCOPE_ROLE}
        using (current_setting('app.system', true) = 'tracking-hits')
        with check (current_setting('app.system', true) = 'tracking-hits');
      ${outboxLatest('tracking')}
      create policy hit_writer_events on tracking.outbox_event for insert to ${SYSTEM_SCOPE_ROLE}
        with check (current_setting('app.system', true) = 'tracking-hits');
    `);
  }
}
