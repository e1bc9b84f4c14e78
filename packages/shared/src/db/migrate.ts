import type { MigrationObject } from '@mikro-orm/core';
import { createOrm } from './create-orm.ts';
import { ensureSystemScopeRole } from './system-role.ts';
import { withPgClient } from './resilient-pg.ts';

/**
 * Applies a subgraph's committed migrations as the owner. The schema is created first because the
 * migrator keeps its bookkeeping table inside it; an advisory lock keeps two starters from racing.
 */
export async function migrateSchema(options: { ownerUrl: string; schema: string; migrations: MigrationObject[] }): Promise<string[]> {
  // Policies name the system scope's role: it must exist before any migration runs.
  await ensureSystemScopeRole(options.ownerUrl);
  return await withPgClient(options.ownerUrl, async (client) => {
    await client.query(`select pg_advisory_lock(hashtext('flowledger:migrate:' || $1))`, [options.schema]);
    await client.query(`create schema if not exists "${options.schema}"`);
    const orm = await createOrm({
      name: `migrate:${options.schema}`,
      url: options.ownerUrl,
      schema: options.schema,
      entities: [],
      migrations: options.migrations,
      poolMax: 1,
    });
    try {
      const applied = await orm.migrator.up();
      return applied.map((m) => m.name);
    } finally {
      await orm.close(true);
    }
  });
}
