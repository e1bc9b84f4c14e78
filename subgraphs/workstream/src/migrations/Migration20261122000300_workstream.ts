import { Migration } from '@mikro-orm/migrations';
import { outboxTableV1, tenantPolicySql } from '@flowledger/shared';

/**
 * The sales workstream: signals, candidates, pursuits with stage history and checklists, proposals,
 * SLA rules, clocks and breaches, and the outbox. References inside the schema are (org_id, id)
 * pairs, checked at commit; references to CRM and access rows are plain ids (other schemas).
 * The SLA scheduler claims due clocks across organisations in its system scope (`sla-scheduler`).
 */
export class Migration20261122000300_workstream extends Migration {
  override name = 'Migration20261122000300_workstream';

  override async up(): Promise<void> {
    this.addSql(`
      create table workstream.candidate (
        id uuid primary key,
        org_id uuid not null,
        status text not null default 'NEW' check (status in ('NEW', 'TRIAGED', 'NURTURE', 'PROMOTED', 'DISMISSED')),
        title text not null,
        client_id uuid,
        contact_id uuid,
        priority text not null default 'MEDIUM' check (priority in ('URGENT', 'HIGH', 'MEDIUM', 'LOW')),
        assignee_id uuid,
        due_at timestamptz,
        tags text[] not null default '{}',
        first_touch_at timestamptz,
        event_seq integer not null default 0,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (org_id, id)
      );
      create index candidate_org_status_idx on workstream.candidate (org_id, status, id);
      -- One open candidate per contact, else per client: a new signal attaches to it.
      create unique index candidate_open_contact_uq on workstream.candidate (org_id, contact_id)
        where contact_id is not null and status in ('NEW', 'TRIAGED', 'NURTURE');
      create unique index candidate_open_client_uq on workstream.candidate (org_id, client_id)
        where contact_id is null and client_id is not null and status in ('NEW', 'TRIAGED', 'NURTURE');

      create table workstream.signal (
        id uuid primary key,
        org_id uuid not null,
        source text not null check (source in ('WEB', 'REFERRAL', 'INGEST', 'PARTNER', 'MANUAL')),
        summary text not null,
        client_id uuid,
        contact_id uuid,
        received_at timestamptz not null,
        external_id text,
        candidate_id uuid not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (org_id, id),
        foreign key (org_id, candidate_id) references workstream.candidate (org_id, id) deferrable initially deferred
      );
      create unique index signal_external_uq on workstream.signal (org_id, source, external_id) where external_id is not null;
      create index signal_org_candidate_idx on workstream.signal (org_id, candidate_id);

      create table workstream.pursuit (
        id uuid primary key,
        org_id uuid not null,
        candidate_id uuid not null,
        name text not null check (length(trim(name)) > 0),
        stage text not null default 'QUALIFY' check (stage in ('QUALIFY', 'PINK', 'RED', 'SUBMITTED', 'WON', 'LOST')),
        client_id uuid,
        value_amount numeric(18, 2) check (value_amount >= 0),
        value_currency char(3) check (value_currency ~ '^[A-Z]{3}$'),
        probability integer not null check (probability between 0 and 100),
        expected_close_date date,
        owner_id uuid,
        lost_reason text,
        version integer not null default 1,
        event_seq integer not null default 0,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (org_id, id),
        -- promoteCandidate creates exactly one pursuit per candidate.
        unique (org_id, candidate_id),
        check ((value_amount is null) = (value_currency is null)),
        foreign key (org_id, candidate_id) references workstream.candidate (org_id, id) deferrable initially deferred
      );
      create index pursuit_org_stage_idx on workstream.pursuit (org_id, stage, id);
      create index pursuit_org_client_idx on workstream.pursuit (org_id, client_id);

      create table workstream.stage_change (
        id uuid primary key,
        org_id uuid not null,
        pursuit_id uuid not null,
        from_stage text,
        to_stage text not null,
        at timestamptz not null,
        by_user_id uuid,
        note text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (org_id, id),
        foreign key (org_id, pursuit_id) references workstream.pursuit (org_id, id) deferrable initially deferred
      );
      create index stage_change_org_pursuit_idx on workstream.stage_change (org_id, pursuit_id, at);

      create table workstream.checklist_template_item (
        id uuid primary key,
        org_id uuid not null,
        stage text not null check (stage in ('PINK', 'RED')),
        label text not null,
        required boolean not null default true,
        position integer not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (org_id, id),
        unique (org_id, stage, position)
      );

      create table workstream.checklist_item (
        id uuid primary key,
        org_id uuid not null,
        pursuit_id uuid not null,
        stage text not null check (stage in ('PINK', 'RED')),
        label text not null,
        required boolean not null,
        position integer not null,
        completed_at timestamptz,
        completed_by_id uuid,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (org_id, id),
        unique (org_id, pursuit_id, stage, position),
        foreign key (org_id, pursuit_id) references workstream.pursuit (org_id, id) deferrable initially deferred
      );

      create table workstream.proposal (
        id uuid primary key,
        org_id uuid not null,
        pursuit_id uuid not null,
        version integer not null check (version > 0),
        status text not null default 'DRAFT' check (status in ('DRAFT', 'SENT', 'ACCEPTED', 'REJECTED', 'SUPERSEDED')),
        title text not null,
        sent_at timestamptz,
        responded_at timestamptz,
        event_seq integer not null default 0,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (org_id, id),
        unique (org_id, pursuit_id, version),
        foreign key (org_id, pursuit_id) references workstream.pursuit (org_id, id) deferrable initially deferred
      );

      create table workstream.sla_rule (
        id uuid primary key,
        org_id uuid not null,
        kind text not null check (kind in ('TRIAGE', 'PROPOSAL', 'RESPONSE')),
        hours numeric(10, 2) not null check (hours > 0),
        warn_fraction numeric(4, 3) not null default 0.8 check (warn_fraction > 0 and warn_fraction < 1),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (org_id, id),
        unique (org_id, kind)
      );

      create table workstream.sla_clock (
        id uuid primary key,
        org_id uuid not null,
        kind text not null check (kind in ('TRIAGE', 'PROPOSAL', 'RESPONSE')),
        subject_id uuid not null,
        started_at timestamptz not null,
        warn_at timestamptz not null,
        due_at timestamptz not null,
        status text not null default 'OK' check (status in ('OK', 'AT_RISK', 'BREACHED', 'MET')),
        met_at timestamptz,
        -- When the scheduler must look again; null once nothing can change by itself (BREACHED, MET).
        next_check_at timestamptz,
        event_seq integer not null default 0,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (org_id, id),
        unique (org_id, kind, subject_id)
      );
      create index sla_clock_next_check_idx on workstream.sla_clock (next_check_at) where next_check_at is not null;

      create table workstream.sla_breach (
        id uuid primary key,
        org_id uuid not null,
        clock_id uuid not null,
        kind text not null,
        subject_id uuid not null,
        breached_at timestamptz not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (org_id, id),
        -- A breach is recorded once per item and rule, however many schedulers run.
        unique (org_id, subject_id, kind),
        foreign key (org_id, clock_id) references workstream.sla_clock (org_id, id) deferrable initially deferred
      );

      ${['candidate', 'signal', 'pursuit', 'stage_change', 'checklist_template_item', 'checklist_item', 'proposal', 'sla_rule', 'sla_clock', 'sla_breach'].map((table) => tenantPolicySql('workstream', table)).join('\n')}
      create policy scheduler_claims on workstream.sla_clock
        using (current_setting('app.system', true) = 'sla-scheduler');
      ${outboxTableV1('workstream')}
    `);
  }
}
