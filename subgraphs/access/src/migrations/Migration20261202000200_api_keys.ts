import { Migration } from '@mikro-orm/migrations';
import { outboxOrgPositionsV4, outboxPositionsV2, outboxSystemScopeV3, outboxTableV1, tenantPolicySql } from '@flowledger/shared';

/**
 * API keys, and the access subgraph's outbox (every version of it at once: the revocation of a key
 * travels to every gateway process as an event).
 */
export class Migration20261202000200_api_keys extends Migration {
  override name = 'Migration20261202000200_api_keys';

  override async up(): Promise<void> {
    this.addSql(`
      create table access.api_key (
        id uuid primary key,
        org_id uuid not null references access.organization (id),
        name text not null check (length(trim(name)) between 1 and 100),
        prefix text not null,
        secret_hash text not null unique check (secret_hash ~ '^[0-9a-f]{64}$'),
        role text not null check (role in ('ADMIN', 'MEMBER', 'VIEWER')),
        client_name text not null check (client_name ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
        created_by uuid not null,
        expires_at timestamptz not null,
        revoked_at timestamptz,
        last_used_at timestamptz,
        event_seq integer not null default 0,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (org_id, id),
        constraint api_key_org_name_uq unique (org_id, name)
      );
      ${tenantPolicySql('access', 'api_key')}
      ${outboxTableV1('access')}
    `);
    this.addSql(outboxPositionsV2('access'));
    this.addSql(outboxSystemScopeV3('access'));
    this.addSql(outboxOrgPositionsV4('access'));
  }
}
