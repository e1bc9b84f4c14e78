import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import pg from 'pg';
import { beginWithScopeStats, sendBeginWithScope } from '@flowledger/shared';
import { createTestDatabase } from '@flowledger/shared/testkit';
import type { TestDatabase } from '@flowledger/shared/testkit';

let db: TestDatabase;
let client: pg.Client;
beforeAll(async () => {
  db = await createTestDatabase();
  client = new pg.Client({ connectionString: db.appUrl });
  await client.connect();
  sendBeginWithScope(client);
});
afterAll(async () => {
  await client?.end();
  await db?.drop();
});

const ORG = '01938000-0000-7000-8000-00000000a001';

describe('a transaction begins with its scope in one round trip', () => {
  test('begin, then the scope: sent together, and the setting holds for the transaction only', async () => {
    const before = beginWithScopeStats.merged;
    await client.query('begin', []);
    const scoped = await client.query(`select set_config('app.org_id', '${ORG}', true)`, []);
    expect(scoped.rows).toEqual([{ set_config: ORG }]);
    expect(beginWithScopeStats.merged - before).toBe(1);
    expect((await client.query(`select current_setting('app.org_id', true) as v`)).rows[0].v).toBe(ORG);
    await client.query('commit');
    expect((await client.query(`select current_setting('app.org_id', true) as v`)).rows[0].v).toBe('');
  });

  test('begin, then anything else: the begin goes first, as it would have', async () => {
    const before = beginWithScopeStats.merged;
    await client.query('begin', []);
    await client.query('create temporary table probe (n int) on commit drop');
    await client.query('insert into probe values (1)');
    await client.query('rollback');
    // Rolled back as one transaction: the table never existed outside it.
    await expect(client.query('select * from probe')).rejects.toThrow(/does not exist/);
    expect(beginWithScopeStats.merged - before).toBe(0);
  });

  test('a scope that is not the exact shape is never merged: its text is not concatenated', async () => {
    const before = beginWithScopeStats.merged;
    await client.query('begin', []);
    // One quoted literal, sent on its own as one statement after the begin.
    const odd = await client.query(`select set_config('app.org_id', 'x'', true); select 1; --', true) as v`, []);
    expect(odd.rows).toEqual([{ v: "x', true); select 1; --" }]);
    await client.query('rollback');
    expect(beginWithScopeStats.merged - before).toBe(0);
  });
});
