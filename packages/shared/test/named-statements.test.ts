import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import pg from 'pg';
import { createOrm, inOrgScope, nameStatements, namedStatementStats } from '@flowledger/shared';
import { createTestDatabase } from '@flowledger/shared/testkit';
import type { TestDatabase } from '@flowledger/shared/testkit';

let db: TestDatabase;
let client: pg.Client;
beforeAll(async () => {
  db = await createTestDatabase();
  client = new pg.Client({ connectionString: db.ownerUrl });
  await client.connect();
  nameStatements(client);
  await client.query('create table probe (id int primary key, label text)');
  await client.query(`insert into probe select n, 'row ' || n from generate_series(1, 300) n`);
  await client.query('grant select on probe to public');
});
afterAll(async () => {
  await client?.end();
  await db?.drop();
});

const prepared = async () =>
  (await client.query(`select statement from pg_prepared_statements where statement like '%from probe%' and statement not like '%pg_prepared%'`)).rows.map(
    (r: { statement: string }) => r.statement,
  );

describe('parameterised statements are prepared once per connection', () => {
  test('the same read with other values is parsed once and executed by name, with the right answers', async () => {
    const before = { ...namedStatementStats };
    for (const id of [1, 2, 3, 4, 5]) {
      const { rows } = await client.query('select label from probe where id = $1', [id]);
      expect(rows).toEqual([{ label: `row ${id}` }]);
    }
    expect(namedStatementStats.prepared - before.prepared).toBe(1);
    expect(namedStatementStats.executed - before.executed).toBe(5);
    expect(await prepared()).toEqual(['select label from probe where id = $1']);
  });

  test('statements without parameters keep the simple protocol and prepare nothing', async () => {
    const before = { ...namedStatementStats };
    await client.query('select count(*) from probe');
    await client.query('select label from probe where id = 7', []);
    expect(namedStatementStats).toEqual(before);
  });

  test('a table changed under a prepared statement costs one failed statement, then it is prepared afresh', async () => {
    const read = () => client.query('select * from probe where id = $1', [9]);
    expect((await read()).rows).toEqual([{ id: 9, label: 'row 9' }]);
    await client.query('alter table probe add column note text');
    await expect(read()).rejects.toThrow(/cached plan must not change result type/);
    expect((await read()).rows).toEqual([{ id: 9, label: 'row 9', note: null }]);
  });

  test('a connection prepares at most 256 texts; the rest still run, unnamed', async () => {
    const earlier = (await prepared()).length;
    for (let n = 1; n <= 300; n++) {
      const { rows } = await client.query(`select ${n} as n, label from probe where id = $1`, [n]);
      expect(rows).toEqual([{ n, label: `row ${n}` }]);
    }
    expect((await prepared()).length - earlier).toBeLessThanOrEqual(256);
    expect((await prepared()).length - earlier).toBeGreaterThan(200);
  });
});

describe('in a subgraph', () => {
  test("a request's typed reads go out as prepared statements on the ORM's connections", async () => {
    const orm = await createOrm({ name: 'named', url: db.appUrl, schema: 'public', entities: [], poolMax: 1 });
    try {
      const before = { ...namedStatementStats };
      for (let i = 0; i < 3; i++) {
        await inOrgScope(orm, '01938000-0000-7000-8000-00000000a001', async (em) => {
          await em
            .getKysely<{ probe: { id: number; label: string } }>()
            .selectFrom('probe')
            .select('label')
            .where('id', '=', i + 1)
            .execute();
        });
      }
      expect(namedStatementStats.executed - before.executed).toBe(3);
      expect(namedStatementStats.prepared - before.prepared).toBe(1);
    } finally {
      await orm.close(true);
    }
  });
});
