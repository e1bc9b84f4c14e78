import { Migration } from '@mikro-orm/migrations';
import { tenantPolicySql } from '@flowledger/shared';

/**
 * Persisted operations (registered per partner app, by ADMINs) and the automatic persisted queries
 * people's clients register by sending a document once. Both are documents of one organisation,
 * under RLS like every other row: one organisation's queries are never another's to run.
 */
export class Migration20261202000300_persisted_operations extends Migration {
  override name = 'Migration20261202000300_persisted_operations';

  override async up(): Promise<void> {
    this.addSql(`
      create table access.persisted_operation (
        id uuid primary key,
        org_id uuid not null references access.organization (id),
        client_name text not null check (client_name ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
        operation_id text not null check (operation_id ~ '^[0-9a-f]{64}$'),
        name text not null,
        type text not null check (type in ('query', 'mutation', 'subscription')),
        body text not null,
        registered_by uuid not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (org_id, id),
        constraint persisted_operation_client_id_uq unique (org_id, client_name, operation_id)
      );
      ${tenantPolicySql('access', 'persisted_operation')}
      create table access.apq_document (
        id uuid primary key,
        org_id uuid not null references access.organization (id),
        hash text not null check (hash ~ '^[0-9a-f]{64}$'),
        body text not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        last_used_at timestamptz not null default now(),
        unique (org_id, id),
        constraint apq_document_hash_uq unique (org_id, hash)
      );
      create index apq_document_age_idx on access.apq_document (org_id, last_used_at);
      ${tenantPolicySql('access', 'apq_document')}
    `);
  }
}
