import { Migration } from '@mikro-orm/migrations';
import { outboxOrgPositionsV4, outboxPositionsV2, outboxSystemScopeV3, outboxTableV1, tenantPolicySql } from '@flowledger/shared';

/**
 * Staffing: staff members, skills, time off, rate cards with versions and role rates, assignments
 * with their rate snapshots, and the outbox (every version of it at once). References inside the
 * schema are (org_id, id) pairs, checked at commit (the unit of work orders inserts by entity, not by reference); pursuits, engagements and users are plain ids (other subgraphs').
 * Triggers are the second wall behind the use cases: a published version, its rates and an
 * assignment's snapshot cannot change, whatever SQL is sent.
 */
export class Migration20261202001000_staffing extends Migration {
  override name = 'Migration20261202001000_staffing';

  override async up(): Promise<void> {
    const tables = ['staff_member', 'time_off', 'skill', 'staff_skill', 'rate_card', 'rate_card_version', 'role_rate', 'assignment'];
    this.addSql(`
      create table staffing.staff_member (
        id uuid primary key,
        org_id uuid not null,
        name text not null check (length(trim(name)) between 1 and 200),
        email text not null check (email = lower(email)),
        title text,
        role text not null check (role ~ '^[A-Z][A-Z0-9_]{0,49}$'),
        weekly_capacity_hours numeric(5, 2) not null default 40 check (weekly_capacity_hours > 0 and weekly_capacity_hours <= 168),
        working_days text[] not null default '{MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY}' check (cardinality(working_days) between 1 and 7),
        active boolean not null default true,
        user_id uuid,
        event_seq integer not null default 0,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (org_id, id),
        constraint staff_member_org_email_uq unique (org_id, email)
      );
      create index staff_member_org_name_idx on staffing.staff_member (org_id, name, id);

      create table staffing.time_off (
        id uuid primary key,
        org_id uuid not null,
        staff_id uuid not null,
        start_date date not null,
        end_date date not null check (end_date >= start_date),
        hours_per_day numeric(4, 2) check (hours_per_day > 0 and hours_per_day <= 24),
        reason text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (org_id, id),
        foreign key (org_id, staff_id) references staffing.staff_member (org_id, id) deferrable initially deferred
      );
      create index time_off_org_staff_idx on staffing.time_off (org_id, staff_id, start_date);

      create table staffing.skill (
        id uuid primary key,
        org_id uuid not null,
        name text not null check (length(trim(name)) between 1 and 100),
        category text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (org_id, id)
      );
      create unique index skill_org_name_uq on staffing.skill (org_id, lower(name));

      create table staffing.staff_skill (
        id uuid primary key,
        org_id uuid not null,
        staff_id uuid not null,
        skill_id uuid not null,
        level integer not null check (level between 1 and 5),
        last_used date,
        certified_until date,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (org_id, id),
        constraint staff_skill_uq unique (org_id, staff_id, skill_id),
        foreign key (org_id, staff_id) references staffing.staff_member (org_id, id) deferrable initially deferred,
        foreign key (org_id, skill_id) references staffing.skill (org_id, id) deferrable initially deferred
      );
      create index staff_skill_org_skill_idx on staffing.staff_skill (org_id, skill_id);

      create table staffing.rate_card (
        id uuid primary key,
        org_id uuid not null,
        name text not null check (length(trim(name)) between 1 and 100),
        currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (org_id, id)
      );
      create unique index rate_card_org_name_uq on staffing.rate_card (org_id, lower(name));

      create table staffing.rate_card_version (
        id uuid primary key,
        org_id uuid not null,
        rate_card_id uuid not null,
        version integer not null check (version > 0),
        effective_from date not null,
        status text not null default 'DRAFT' check (status in ('DRAFT', 'PUBLISHED')),
        published_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (org_id, id),
        constraint rate_card_version_number_uq unique (org_id, rate_card_id, version),
        check ((status = 'PUBLISHED') = (published_at is not null)),
        foreign key (org_id, rate_card_id) references staffing.rate_card (org_id, id) deferrable initially deferred
      );
      -- Two published versions of a card never take effect on the same day: the rate of a day is one.
      create unique index rate_card_version_effective_uq on staffing.rate_card_version (org_id, rate_card_id, effective_from) where status = 'PUBLISHED';

      create table staffing.role_rate (
        id uuid primary key,
        org_id uuid not null,
        version_id uuid not null,
        role text not null check (role ~ '^[A-Z][A-Z0-9_]{0,49}$'),
        bill_rate numeric(12, 2) not null check (bill_rate >= 0),
        cost_rate numeric(12, 2) not null check (cost_rate >= 0),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (org_id, id),
        constraint role_rate_uq unique (org_id, version_id, role),
        foreign key (org_id, version_id) references staffing.rate_card_version (org_id, id) deferrable initially deferred
      );

      create table staffing.assignment (
        id uuid primary key,
        org_id uuid not null,
        staff_id uuid not null,
        pursuit_id uuid,
        engagement_id uuid,
        role text not null,
        allocation_percent numeric(5, 2) check (allocation_percent > 0 and allocation_percent <= 100),
        hours_per_week numeric(5, 2) check (hours_per_week > 0 and hours_per_week <= 168),
        start_date date not null,
        end_date date not null check (end_date >= start_date),
        status text not null default 'ACTIVE' check (status in ('ACTIVE', 'ENDED')),
        ended_at timestamptz,
        rate_card_id uuid not null,
        rate_card_version_id uuid not null,
        rate_card_version integer not null,
        rate_effective_from date not null,
        bill_rate numeric(12, 2) not null,
        cost_rate numeric(12, 2) not null,
        currency char(3) not null,
        event_seq integer not null default 0,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (org_id, id),
        check ((pursuit_id is null) <> (engagement_id is null)),
        check ((allocation_percent is null) <> (hours_per_week is null)),
        foreign key (org_id, staff_id) references staffing.staff_member (org_id, id) deferrable initially deferred,
        foreign key (org_id, rate_card_version_id) references staffing.rate_card_version (org_id, id) deferrable initially deferred
      );
      create index assignment_org_staff_idx on staffing.assignment (org_id, staff_id, start_date);
      create index assignment_org_pursuit_idx on staffing.assignment (org_id, pursuit_id) where pursuit_id is not null;
      create index assignment_org_engagement_idx on staffing.assignment (org_id, engagement_id) where engagement_id is not null;

      create function staffing.refuse_published_change() returns trigger language plpgsql as $$
      begin
        if tg_table_name = 'rate_card_version' then
          if old.status = 'PUBLISHED' then raise exception 'rate card version % is published and cannot change', old.id using errcode = 'P0001'; end if;
          return coalesce(new, old);
        end if;
        if exists (select 1 from staffing.rate_card_version v where v.id = coalesce(new.version_id, old.version_id) and v.status = 'PUBLISHED')
          or (tg_op <> 'INSERT' and exists (select 1 from staffing.rate_card_version v where v.id = old.version_id and v.status = 'PUBLISHED')) then
          raise exception 'the rates of a published rate card version cannot change' using errcode = 'P0001';
        end if;
        return coalesce(new, old);
      end $$;
      create trigger rate_card_version_frozen before update or delete on staffing.rate_card_version
        for each row execute function staffing.refuse_published_change();
      create trigger role_rate_frozen before insert or update or delete on staffing.role_rate
        for each row execute function staffing.refuse_published_change();

      create function staffing.refuse_snapshot_change() returns trigger language plpgsql as $$
      begin
        if (new.rate_card_id, new.rate_card_version_id, new.rate_card_version, new.rate_effective_from, new.bill_rate, new.cost_rate, new.currency, new.role, new.staff_id)
           is distinct from (old.rate_card_id, old.rate_card_version_id, old.rate_card_version, old.rate_effective_from, old.bill_rate, old.cost_rate, old.currency, old.role, old.staff_id) then
          raise exception 'an assignment''s rate snapshot never changes' using errcode = 'P0001';
        end if;
        return new;
      end $$;
      create trigger assignment_snapshot_frozen before update on staffing.assignment
        for each row execute function staffing.refuse_snapshot_change();

      ${tables.map((table) => tenantPolicySql('staffing', table)).join('\n')}
      ${outboxTableV1('staffing')}
      ${outboxPositionsV2('staffing')}
      ${outboxSystemScopeV3('staffing')}
      ${outboxOrgPositionsV4('staffing')}
    `);
  }
}
