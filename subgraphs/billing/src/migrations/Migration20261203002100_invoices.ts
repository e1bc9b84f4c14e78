import { Migration } from '@mikro-orm/migrations';
import { SYSTEM_SCOPE_ROLE, tenantPolicySql } from '@flowledger/shared';

/**
 * Billing, part two: settings per organisation (base currency, tax, payment terms), exchange rates,
 * invoices and credit notes with their lines, payments, and the counters that number them without
 * gaps (a row per organisation, kind and year, bumped in the issuing transaction: a rolled-back issue
 * gives its number back). Triggers keep an issued document's figures and lines as they were issued.
 * The overdue scheduler may find due invoices across organisations (its own select-only policy).
 */
export class Migration20261203002100_invoices extends Migration {
  override name = 'Migration20261203002100_invoices';

  override async up(): Promise<void> {
    const tables = ['billing_settings', 'exchange_rate', 'invoice', 'invoice_line', 'payment', 'document_counter'];
    this.addSql(`
      create table billing.billing_settings (
        id uuid primary key,
        org_id uuid not null unique,
        base_currency char(3) not null check (base_currency ~ '^[A-Z]{3}$'),
        tax_rate numeric(7, 4) not null check (tax_rate >= 0 and tax_rate < 100),
        tax_inclusive boolean not null,
        payment_terms_days integer not null check (payment_terms_days between 0 and 365),
        legal_name text check (length(legal_name) between 1 and 200),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (org_id, id)
      );

      create table billing.exchange_rate (
        id uuid primary key,
        org_id uuid not null,
        currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
        rate_date date not null,
        rate numeric(18, 8) not null check (rate > 0),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (org_id, id),
        constraint exchange_rate_org_currency_date_uq unique (org_id, currency, rate_date)
      );

      create table billing.invoice (
        id uuid primary key,
        org_id uuid not null,
        kind text not null check (kind in ('INVOICE', 'CREDIT_NOTE')),
        engagement_id uuid not null,
        client_id uuid not null,
        client_name text,
        issuer_name text,
        number text,
        status text not null check (status in ('DRAFT', 'ISSUED', 'PARTIALLY_PAID', 'PAID', 'OVERDUE', 'VOID')),
        currency char(3) not null,
        period_end date,
        issue_date date,
        due_date date,
        tax_rate numeric(7, 4) not null,
        tax_inclusive boolean not null,
        subtotal numeric(16, 2) not null default 0,
        tax_total numeric(16, 2) not null default 0,
        total numeric(16, 2) not null default 0,
        paid_amount numeric(16, 2) not null default 0 check (paid_amount >= 0),
        base_currency char(3),
        exchange_rate numeric(18, 8),
        credits_invoice_id uuid,
        void_reason text,
        voided_at timestamptz,
        event_seq integer not null default 0,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (org_id, id),
        foreign key (org_id, engagement_id) references billing.engagement (org_id, id) deferrable initially deferred,
        foreign key (org_id, credits_invoice_id) references billing.invoice (org_id, id) deferrable initially deferred,
        check (paid_amount <= abs(total)),
        check (status = 'DRAFT' or (number is not null and issue_date is not null and exchange_rate is not null))
      );
      create unique index invoice_org_number_uq on billing.invoice (org_id, number) where number is not null;
      create unique index invoice_credit_note_uq on billing.invoice (org_id, credits_invoice_id) where credits_invoice_id is not null;
      create index invoice_org_client_idx on billing.invoice (org_id, client_id, status);
      create index invoice_org_engagement_idx on billing.invoice (org_id, engagement_id);
      create index invoice_org_created_idx on billing.invoice (org_id, created_at, id);
      create index invoice_overdue_idx on billing.invoice (due_date) where status in ('ISSUED', 'PARTIALLY_PAID');

      create table billing.invoice_line (
        id uuid primary key,
        org_id uuid not null,
        invoice_id uuid not null,
        position integer not null,
        kind text not null check (kind in ('TIME', 'MILESTONE')),
        description text not null,
        quantity numeric(12, 4) not null,
        unit_price numeric(14, 4) not null,
        net_amount numeric(16, 2) not null,
        tax_amount numeric(16, 2) not null,
        total_amount numeric(16, 2) not null,
        staff_id uuid,
        role text,
        milestone_id uuid,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (org_id, id),
        foreign key (org_id, invoice_id) references billing.invoice (org_id, id) deferrable initially deferred
      );
      create index invoice_line_org_invoice_idx on billing.invoice_line (org_id, invoice_id, position);

      create table billing.payment (
        id uuid primary key,
        org_id uuid not null,
        invoice_id uuid not null,
        amount numeric(16, 2) not null check (amount > 0),
        paid_on date not null,
        reference text check (length(reference) <= 200),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (org_id, id),
        foreign key (org_id, invoice_id) references billing.invoice (org_id, id) deferrable initially deferred
      );
      create index payment_org_invoice_idx on billing.payment (org_id, invoice_id, paid_on);

      create table billing.document_counter (
        id uuid primary key,
        org_id uuid not null,
        kind text not null check (kind in ('INVOICE', 'CREDIT_NOTE')),
        year integer not null,
        last_number integer not null check (last_number >= 0),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (org_id, id),
        constraint document_counter_org_kind_year_uq unique (org_id, kind, year)
      );

      create function billing.keep_issued_invoice() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then
          if old.status <> 'DRAFT' then raise exception 'an issued invoice cannot be deleted' using errcode = 'P0001'; end if;
          return old;
        end if;
        if old.status <> 'DRAFT' and (
          (new.kind, new.engagement_id, new.client_id, new.client_name, new.issuer_name, new.number, new.currency, new.issue_date, new.due_date, new.tax_rate, new.tax_inclusive,
           new.subtotal, new.tax_total, new.total, new.base_currency, new.exchange_rate, new.credits_invoice_id)
          is distinct from
          (old.kind, old.engagement_id, old.client_id, old.client_name, old.issuer_name, old.number, old.currency, old.issue_date, old.due_date, old.tax_rate, old.tax_inclusive,
           old.subtotal, old.tax_total, old.total, old.base_currency, old.exchange_rate, old.credits_invoice_id)
          or (old.status = 'VOID' and new.status <> 'VOID')
        ) then
          raise exception 'an issued invoice cannot be edited' using errcode = 'P0001';
        end if;
        return new;
      end $$;
      create trigger invoice_kept before update or delete on billing.invoice
        for each row execute function billing.keep_issued_invoice();

      create function billing.keep_issued_lines() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from billing.invoice i where i.id = coalesce(new.invoice_id, old.invoice_id) and i.status <> 'DRAFT') then
          raise exception 'the lines of an issued invoice cannot change' using errcode = 'P0001';
        end if;
        return coalesce(new, old);
      end $$;
      create trigger invoice_line_kept before update or delete on billing.invoice_line
        for each row execute function billing.keep_issued_lines();

      ${tables.map((table) => tenantPolicySql('billing', table)).join('\n')}
      create policy overdue_scheduler on billing.invoice for select to ${SYSTEM_SCOPE_ROLE}
        using (current_setting('app.system', true) = 'invoice-overdue');
    `);
  }
}
