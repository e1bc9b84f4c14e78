import { randomBytes } from 'node:crypto';
import { ensureAppRole } from '../db/app-role.ts';
import { ensureSystemRole } from '../db/system-role.ts';
import { withPgClient } from '../db/resilient-pg.ts';

/** Set by the jest global setup: where the cluster is and which migrated template to copy. */
export const TEST_ENV = { adminUrl: 'FL_TEST_ADMIN_URL', template: 'FL_TEST_TEMPLATE', runId: 'FL_TEST_RUN_ID' } as const;

export interface TestDatabase {
  name: string;
  /** Owner of the copy (superuser on the test cluster): for assertions only, never for the app. */
  ownerUrl: string;
  /** The application role, under RLS. */
  appUrl: string;
  /** The system scope's role (relays, schedulers), under RLS too. */
  systemUrl: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * A database of its own for one test file, copied from the template that the global setup migrated
 * once (CREATE DATABASE … TEMPLATE is a file copy: milliseconds, not a migration run).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env[TEST_ENV.adminUrl];
  const template = process.env[TEST_ENV.template];
  if (!adminUrl || !template) throw new Error('the test database is not set up: run the tests through `npm test` (jest global setup)');
  const name = `fl_t_${process.env[TEST_ENV.runId] ?? 'x'}_${randomBytes(4).toString('hex')}`;
  await withPgClient(adminUrl, async (admin) => {
    // Copies of one template must not overlap: PostgreSQL refuses a template that is being copied.
    await admin.query(`select pg_advisory_lock(hashtext('flowledger:test-template'))`);
    await admin.query(`create database "${name}" template "${template}"`);
    await admin.query(`select pg_advisory_unlock(hashtext('flowledger:test-template'))`);
  });
  const ownerUrl = withDatabase(adminUrl, name);
  const appUrl = withDatabase(await ensureAppRole(ownerUrl), name);
  const systemUrl = withDatabase(await ensureSystemRole(ownerUrl), name);
  return {
    name,
    ownerUrl,
    appUrl,
    systemUrl,
    async drop() {
      await withPgClient(adminUrl, async (client) => {
        await client.query(`drop database if exists "${name}" with (force)`);
      });
    },
  };
}
