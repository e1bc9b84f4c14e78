import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { withPgClient } from '../src/index.ts';
import { createTestDatabase } from '../src/testkit/index.ts';
import type { TestDatabase } from '../src/testkit/index.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

test('a short-lived connection dropped between two queries fails the work, not the process', async () => {
  const work = withPgClient(db.appUrl, async (client) => {
    const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
    await withPgClient(db.ownerUrl, (owner) => owner.query('select pg_terminate_backend($1)', [rows[0]!.pid]));
    // The drop arrives as an 'error' event while this connection is idle: nothing may throw it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    return client.query('select 1');
  });
  await expect(work).rejects.toThrow(/terminat/i);
  expect(await withPgClient(db.appUrl, async (client) => (await client.query('select 1 as one')).rows[0].one)).toBe(1);
});
