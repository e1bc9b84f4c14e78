import { Migration } from '@mikro-orm/migrations';
import { tenantPolicySql } from '@flowledger/shared';

/**
 * Idempotency keys of mutations: per organisation and actor, the request's hash, and once it
 * finished, the response to replay. Kept 24 hours; shared by every gateway process, and they
 * survive a gateway restart.
 */
export class Migration20261202000400_idempotency extends Migration {
  override name = 'Migration20261202000400_idempotency';

  override async up(): Promise<void> {
    this.addSql(`
      create table access.idempotency_record (
        org_id uuid not null references access.organization (id),
        actor_id uuid not null,
        key text not null check (length(key) between 1 and 255),
        request_hash text not null check (request_hash ~ '^[0-9a-f]{64}$'),
        status text not null default 'RUNNING' check (status in ('RUNNING', 'DONE')),
        response_status integer,
        response_body text,
        claimed_at timestamptz not null default now(),
        expires_at timestamptz not null,
        primary key (org_id, actor_id, key)
      );
      create index idempotency_record_expiry_idx on access.idempotency_record (org_id, expires_at);
      ${tenantPolicySql('access', 'idempotency_record')}
    `);
  }
}
