import { Migration } from '@mikro-orm/migrations';
import { tenantPolicySql } from '@flowledger/shared';

/**
 * Clients, contacts and positions. Uniqueness is per organisation; a position references its client
 * and contact by (org_id, id), so it can never point at another organisation's row. Those keys are
 * checked at commit (deferred): the unit of work may insert a batch's positions before its clients.
 */
export class Migration20261122000200_crm extends Migration {
  override name = 'Migration20261122000200_crm';

  override async up(): Promise<void> {
    this.addSql(`
      create table crm.client (
        id uuid primary key,
        org_id uuid not null,
        name text not null check (length(trim(name)) > 0),
        domain text check (domain = lower(domain)),
        industry text,
        size text check (size in ('SOLO', 'SMALL', 'MEDIUM', 'LARGE', 'ENTERPRISE')),
        status text not null default 'ACTIVE' check (status in ('ACTIVE', 'ARCHIVED')),
        tags text[] not null default '{}',
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (org_id, id)
      );
      create unique index client_org_domain_uq on crm.client (org_id, domain) where domain is not null;
      create index client_org_name_idx on crm.client (org_id, name, id);
      create index client_org_lower_name_idx on crm.client (org_id, lower(name));

      create table crm.contact (
        id uuid primary key,
        org_id uuid not null,
        first_name text,
        last_name text,
        email text check (email = lower(email)),
        phone text,
        linkedin_url text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (org_id, id),
        check (coalesce(first_name, last_name, email, linkedin_url) is not null)
      );
      create unique index contact_org_email_uq on crm.contact (org_id, email) where email is not null;
      create unique index contact_org_linkedin_uq on crm.contact (org_id, linkedin_url) where linkedin_url is not null;

      create table crm.position (
        id uuid primary key,
        org_id uuid not null,
        client_id uuid not null,
        contact_id uuid not null,
        title text,
        email text,
        start_date date,
        end_date date,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (org_id, id),
        unique (org_id, client_id, contact_id),
        foreign key (org_id, client_id) references crm.client (org_id, id) deferrable initially deferred,
        foreign key (org_id, contact_id) references crm.contact (org_id, id) deferrable initially deferred,
        check (end_date is null or start_date is null or end_date >= start_date)
      );
      create index position_org_contact_idx on crm.position (org_id, contact_id);
      ${['client', 'contact', 'position'].map((table) => tenantPolicySql('crm', table)).join('\n')}
    `);
  }
}
