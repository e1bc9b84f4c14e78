import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import pg from 'pg';
import { crmSubgraph, seedCrm } from '@flowledger/crm';
import { assertSafeAppRole, createOrm, inOrgScope, inSystemScope, uuidv7 } from '@flowledger/shared';
import type { Orm } from '@flowledger/shared';
import { Client } from '../src/entities/index.ts';
import { crmReads } from '../src/loaders.ts';
import { TEST_ORGS, createTestDatabase } from '@flowledger/shared/testkit';
import type { TestDatabase } from '@flowledger/shared/testkit';

let db: TestDatabase;
let orm: Orm;
let app: pg.Pool;

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await createOrm({ name: 'crm-rls', url: db.appUrl, schema: 'crm', entities: crmSubgraph.entities, poolMax: 2 });
  await seedCrm(orm, { acme: TEST_ORGS.acme.id, globex: TEST_ORGS.globex.id });
  // One connection, so "a pooled connection that had an organisation set before" is certain.
  app = new pg.Pool({ connectionString: db.appUrl, max: 1 });
});
afterAll(async () => {
  await app?.end();
  await orm?.close(true);
  await db?.drop();
});

const count = async (sql: string) => Number((await app.query(sql)).rows[0].n);

describe('row-level security, connected as the application role', () => {
  test('with no organisation set, every crm table reads empty', async () => {
    for (const table of ['client', 'contact', 'position']) expect(await count(`select count(*) as n from crm.${table}`)).toBe(0);
  });

  test('with acme set, only acme rows; and a pooled connection that had it set reads nothing afterwards', async () => {
    const client = await app.connect();
    try {
      await client.query('begin');
      await client.query(`select set_config('app.org_id', $1, true)`, [TEST_ORGS.acme.id]);
      const { rows } = await client.query('select distinct org_id from crm.client');
      expect(rows).toEqual([{ org_id: TEST_ORGS.acme.id }]);
      expect(Number((await client.query('select count(*) as n from crm.client')).rows[0].n)).toBe(28);
      await client.query('commit');
      // Same connection, transaction over: the setting reads '' now, which must hide rows, not raise.
      expect((await client.query(`select current_setting('app.org_id', true) as v`)).rows[0].v).toBe('');
      expect(Number((await client.query('select count(*) as n from crm.client')).rows[0].n)).toBe(0);
      // A session-level setting that was cleared behaves the same.
      await client.query(`select set_config('app.org_id', $1, false)`, [TEST_ORGS.globex.id]);
      expect(Number((await client.query('select count(*) as n from crm.client')).rows[0].n)).toBe(4);
      await client.query(`select set_config('app.org_id', '', false)`);
      expect(Number((await client.query('select count(*) as n from crm.client')).rows[0].n)).toBe(0);
    } finally {
      client.release();
    }
  });

  test('a row cannot be written into another organisation', async () => {
    const client = await app.connect();
    try {
      await client.query('begin');
      await client.query(`select set_config('app.org_id', $1, true)`, [TEST_ORGS.acme.id]);
      await expect(client.query(`insert into crm.client (id, org_id, name) values ($1, $2, 'Sneaky')`, [uuidv7(), TEST_ORGS.globex.id])).rejects.toThrow(
        /row-level security/,
      );
      await client.query('rollback');
    } finally {
      client.release();
    }
  });

  test("a position cannot point at another organisation's client, even as the owner (composite keys)", async () => {
    const owner = new pg.Client({ connectionString: db.ownerUrl });
    await owner.connect();
    try {
      const globexClient = (await owner.query('select id from crm.client where org_id = $1 limit 1', [TEST_ORGS.globex.id])).rows[0].id;
      const acmeContact = (await owner.query('select id from crm.contact where org_id = $1 limit 1', [TEST_ORGS.acme.id])).rows[0].id;
      await expect(
        owner.query('insert into crm.position (id, org_id, client_id, contact_id) values ($1, $2, $3, $4)', [
          uuidv7(),
          TEST_ORGS.acme.id,
          globexClient,
          acmeContact,
        ]),
      ).rejects.toThrow(/foreign key/);
    } finally {
      await owner.end();
    }
  });
});

describe('the ORM', () => {
  test('an EntityManager never scoped to an organisation refuses to query (the tenant filter fails closed)', async () => {
    await expect(orm.em.fork().find(Client, {})).rejects.toThrow(/tenant/);
  });

  test('a scoped EntityManager sees only its organisation', async () => {
    const clients = await inOrgScope(orm, TEST_ORGS.globex.id, (em) => em.find(Client, {}));
    expect(clients).toHaveLength(4);
    expect(new Set(clients.map((c) => c.orgId))).toEqual(new Set([TEST_ORGS.globex.id]));
  });
});

describe('typed reads on plain rows', () => {
  test("outside a request's scope they read nothing: no organisation is set, so RLS hides every row (fails closed)", async () => {
    expect(await crmReads(orm.em.fork()).selectFrom('Client').selectAll().execute()).toEqual([]);
    // Even naming an organisation in the query does not help without the scope.
    expect(await crmReads(orm.em.fork()).selectFrom('Client').selectAll().where('orgId', '=', TEST_ORGS.acme.id).execute()).toEqual([]);
  });

  test("inside a request's scope they read that organisation's rows only, even when a query forgets its own condition", async () => {
    const rows = await inOrgScope(orm, TEST_ORGS.globex.id, (em) => crmReads(em).selectFrom('Client').selectAll().execute());
    expect(rows).toHaveLength(4);
    expect(new Set(rows.map((c) => c.orgId))).toEqual(new Set([TEST_ORGS.globex.id]));
  });
});

describe('the system scope', () => {
  test('lifts the tenant filter, yet reads nothing from a table whose policy does not admit it', async () => {
    const clients = await inSystemScope(orm, 'test', (em) => em.find(Client, {}));
    expect(clients).toEqual([]);
  });
});

describe('the application refuses an unsafe database role', () => {
  test('a superuser', async () => {
    await expect(assertSafeAppRole(db.ownerUrl)).rejects.toThrow(/is a superuser/);
  });

  test('a BYPASSRLS role', async () => {
    const owner = new pg.Client({ connectionString: db.ownerUrl });
    await owner.connect();
    const role = `fl_bypass_${Date.now().toString(36)}`;
    try {
      await owner.query(`create role ${role} login bypassrls password 'x'`);
      const url = new URL(db.ownerUrl);
      url.username = role;
      url.password = 'x';
      await expect(assertSafeAppRole(url.toString())).rejects.toThrow(/has BYPASSRLS/);
    } finally {
      await owner.query(`drop role if exists ${role}`);
      await owner.end();
    }
  });

  test('the application role itself passes', async () => {
    await expect(assertSafeAppRole(db.appUrl)).resolves.toBeUndefined();
  });
});
