import { Migration } from '@mikro-orm/migrations';

/**
 * Cost budgets. The buckets are rate-limiter-flexible's table (its own statements, which set no
 * organisation, so no RLS): counters under `<orgId>:<actor type>:<actor id>`, no tenant data; the
 * organisation is still on every row (derived from the key). Keys may carry budgets of their own.
 */
export class Migration20261202000500_rate_limits extends Migration {
  override name = 'Migration20261202000500_rate_limits';

  override async up(): Promise<void> {
    this.addSql(`
      create table access.rate_limit_bucket (
        key varchar(255) primary key,
        points integer not null default 0,
        expire bigint,
        org_id uuid generated always as (substring(key from '^[^:]+:([0-9a-f-]{36}):')::uuid) stored
      );
      alter table access.api_key add column rate_limit_points integer check (rate_limit_points between 1 and 1000000);
      alter table access.api_key add column rate_limit_restore integer check (rate_limit_restore between 1 and 100000);
    `);
  }
}
