import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MigrationObject } from '@mikro-orm/core';
import { ensureAppRole, grantAppRole } from '../db/app-role.ts';
import { ensureSystemRole } from '../db/system-role.ts';
import { ensureDatabase, startEmbeddedPostgres } from '../db/embedded.ts';
import { migrateSchema } from '../db/migrate.ts';
import { TEST_ENV } from './test-database.ts';
import { withPgClient } from '../db/resilient-pg.ts';

/**
 * For the jest global setup: a cluster (DATABASE_URL's, else an embedded one in a temporary folder,
 * never `npm start`'s), one template database migrated once, and the application role.
 * Publishes where they are through the environment, which jest's workers inherit.
 */
export async function setUpTestCluster(schemas: { dbSchema: string; migrations: MigrationObject[] }[]): Promise<() => Promise<void>> {
  const runId = `${process.pid.toString(36)}${Date.now().toString(36)}`;
  let adminUrl: string;
  let stopEmbedded: (() => Promise<void>) | null = null;
  let tempDir: string | null = null;
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    tempDir = mkdtempSync(join(tmpdir(), 'flowledger-test-'));
    const embedded = await startEmbeddedPostgres({ dir: join(tempDir, 'pg'), database: 'postgres' });
    adminUrl = embedded.adminUrl;
    stopEmbedded = embedded.stop;
  }
  const template = `fl_tpl_${runId}`;
  await ensureDatabase(adminUrl, template);
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${template}`;
  for (const { dbSchema, migrations } of schemas) await migrateSchema({ ownerUrl: templateUrl.toString(), schema: dbSchema, migrations });
  const appUrl = await ensureAppRole(templateUrl.toString());
  await grantAppRole(
    templateUrl.toString(),
    appUrl,
    schemas.map((s) => s.dbSchema),
  );
  await grantAppRole(
    templateUrl.toString(),
    await ensureSystemRole(templateUrl.toString()),
    schemas.map((s) => s.dbSchema),
  );
  process.env[TEST_ENV.adminUrl] = adminUrl;
  process.env[TEST_ENV.template] = template;
  process.env[TEST_ENV.runId] = runId;

  return async () => {
    await withPgClient(adminUrl, async (admin) => {
      const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`fl_%${runId}%`]);
      for (const { datname } of rows) await admin.query(`drop database if exists "${datname}" with (force)`);
    });
    await stopEmbedded?.();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  };
}
