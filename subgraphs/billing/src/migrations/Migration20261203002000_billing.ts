import { Migration } from '@mikro-orm/migrations';
import { eventConsumerTablesV1, outboxLatest, tenantPolicySql } from '@flowledger/shared';

/**
 * Billing, part one: engagements, milestones, time entries, the read model of staffing's assignments,
 * the consumer bookkeeping (cursors and inbox) and the outbox (every version at once). References
 * inside the schema are (org_id, id) pairs checked at commit; clients, pursuits, staff and assignments
 * are other subgraphs' ids. A trigger is the second wall behind the use cases: an approved entry
 * never changes.
 */
export class Migration20261203002000_billing extends Migration {
  override name = 'Migration20261203002000_billing';

  override async up(): Promise<void> {
    const tables = ['engagement', 'milestone', 'time_entry', 'known_assignment'];
    this.addSql(`
      create table billing.engagement (
        id uuid primary key,
        org_id uuid not null,
        client_id uuid not null,
        pursuit_id uuid,
        name text not null check (length(trim(name)) between 1 and 200),
        currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
        billing_model text not null check (billing_model in ('TIME_AND_MATERIALS', 'FIXED_FEE', 'MILESTONE')),
        budget_amount numeric(16, 2) check (budget_amount >= 0),
        status text not null default 'ACTIVE' check (status in ('ACTIVE', 'COMPLETED', 'CANCELLED')),
        origin text not null check (origin in ('PURSUIT_WON', 'MANUAL')),
        event_seq integer not null default 0,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (org_id, id)
      );
      create unique index engagement_org_pursuit_uq on billing.engagement (org_id, pursuit_id) where pursuit_id is not null;
      create index engagement_org_client_idx on billing.engagement (org_id, client_id);
      create index engagement_org_created_idx on billing.engagement (org_id, created_at, id);

      create table billing.milestone (
        id uuid primary key,
        org_id uuid not null,
        engagement_id uuid not null,
        name text not null check (length(trim(name)) between 1 and 200),
        amount numeric(16, 2) not null check (amount > 0),
        due_date date not null,
        status text not null default 'PENDING' check (status in ('PENDING', 'DUE', 'INVOICED')),
        invoice_id uuid,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (org_id, id),
        foreign key (org_id, engagement_id) references billing.engagement (org_id, id) deferrable initially deferred
      );
      create index milestone_org_engagement_idx on billing.milestone (org_id, engagement_id, due_date);

      create table billing.time_entry (
        id uuid primary key,
        org_id uuid not null,
        engagement_id uuid not null,
        staff_id uuid not null,
        entry_date date not null,
        minutes integer not null check (minutes between 1 and 1440),
        billable boolean not null default true,
        note text check (length(note) <= 2000),
        status text not null default 'DRAFT' check (status in ('DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED')),
        assignment_id uuid,
        role text,
        bill_rate numeric(14, 4),
        currency char(3),
        amount numeric(16, 2),
        rejection_reason text,
        approved_at timestamptz,
        approved_by uuid,
        invoice_id uuid,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (org_id, id),
        foreign key (org_id, engagement_id) references billing.engagement (org_id, id) deferrable initially deferred,
        check (status <> 'APPROVED' or (bill_rate is not null and currency is not null and approved_at is not null))
      );
      create index time_entry_org_engagement_idx on billing.time_entry (org_id, engagement_id, entry_date);
      create index time_entry_org_staff_idx on billing.time_entry (org_id, staff_id, entry_date);
      create index time_entry_unbilled_idx on billing.time_entry (org_id, engagement_id, entry_date) where status = 'APPROVED' and invoice_id is null;

      create table billing.known_assignment (
        id uuid primary key,
        org_id uuid not null,
        staff_id uuid not null,
        engagement_id uuid,
        pursuit_id uuid,
        role text not null,
        start_date date not null,
        end_date date not null,
        bill_rate numeric(14, 4) not null,
        currency char(3) not null,
        rate_card_version_id uuid not null,
        source_seq integer not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (org_id, id)
      );
      create index known_assignment_org_staff_idx on billing.known_assignment (org_id, staff_id, start_date);
      create index known_assignment_org_engagement_idx on billing.known_assignment (org_id, engagement_id) where engagement_id is not null;
      create index known_assignment_org_pursuit_idx on billing.known_assignment (org_id, pursuit_id) where pursuit_id is not null;

      create function billing.refuse_approved_change() returns trigger language plpgsql as $$
      begin
        if old.status = 'APPROVED' and (
          (new.engagement_id, new.staff_id, new.entry_date, new.minutes, new.billable, new.status, new.assignment_id, new.role, new.bill_rate, new.currency, new.amount)
          is distinct from
          (old.engagement_id, old.staff_id, old.entry_date, old.minutes, old.billable, old.status, old.assignment_id, old.role, old.bill_rate, old.currency, old.amount)
        ) then
          raise exception 'an approved time entry is locked' using errcode = 'P0001';
        end if;
        return new;
      end $$;
      create trigger time_entry_locked before update on billing.time_entry
        for each row execute function billing.refuse_approved_change();
      create function billing.refuse_approved_delete() returns trigger language plpgsql as $$
      begin
        if old.status = 'APPROVED' then raise exception 'an approved time entry is locked' using errcode = 'P0001'; end if;
        return old;
      end $$;
      create trigger time_entry_kept before delete on billing.time_entry
        for each row execute function billing.refuse_approved_delete();

      ${tables.map((table) => tenantPolicySql('billing', table)).join('\n')}
      ${eventConsumerTablesV1('billing')}
      ${outboxLatest('billing')}
    `);
  }
}
