import { Migration } from '@mikro-orm/migrations';
import { tenantPolicySql } from '@flowledger/shared';

/** Organisations and users are global identities; memberships are tenant rows under RLS. */
export class Migration20261122000100_access extends Migration {
  override name = 'Migration20261122000100_access';

  override async up(): Promise<void> {
    this.addSql(`
      create table access.organization (
        id uuid primary key,
        slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
        name text not null check (length(trim(name)) > 0),
        base_currency char(3) not null check (base_currency ~ '^[A-Z]{3}$'),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create table access.app_user (
        id uuid primary key,
        email text not null unique,
        name text not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create table access.membership (
        id uuid primary key,
        org_id uuid not null references access.organization (id),
        user_id uuid not null references access.app_user (id),
        role text not null check (role in ('ADMIN', 'MEMBER', 'VIEWER')),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (org_id, id),
        unique (org_id, user_id)
      );
      create index membership_user_idx on access.membership (user_id);
      ${tenantPolicySql('access', 'membership')}
    `);
  }
}
