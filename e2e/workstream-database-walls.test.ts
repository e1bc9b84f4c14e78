import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import pg from 'pg';
import { startFullGraph } from '@flowledger/devtools/testing';
import type { FullGraph } from '@flowledger/devtools/testing';
import { DEMO } from '@flowledger/access';
import { SYSTEM_SCOPE_ROLE, UnsafeDatabaseRoleError, assertSafeAppRole, uuidv7 } from '@flowledger/shared';
import { mutate } from './workstream-helpers.ts';

let graph: FullGraph;
let acmeCandidate: string;
let globexCandidate: string;
beforeAll(async () => {
  graph = await startFullGraph({}, { workers: false });
  acmeCandidate = (await mutate(graph, 'createSignal', { source: 'WEB', summary: 'acme lead' }, 'candidate { id }')).candidate.id;
  globexCandidate = (await mutate(graph, 'createSignal', { source: 'WEB', summary: 'globex lead' }, 'candidate { id }', 'globex')).candidate.id;
});
afterAll(() => graph?.close());

/** Raw SQL on one connection of the given role: what an injected statement could do. */
async function asRole<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
const n = async (client: pg.Client, sql: string) => Number((await client.query(sql)).rows[0].n);

describe('the second wall: raw SQL on an application connection sees one organisation at most, whatever it sets', () => {
  test("app.system = 'outbox-relay' no longer shows any organisation's outbox rows", async () => {
    await asRole(graph.db.appUrl, async (app) => {
      await app.query(`select set_config('app.system', 'outbox-relay', false)`);
      expect(await n(app, 'select count(*) as n from workstream.outbox_event')).toBe(0);
      await app.query(`select set_config('app.org_id', $1, false)`, [DEMO.acme.id]);
      expect((await app.query('select distinct org_id from workstream.outbox_event')).rows).toEqual([{ org_id: DEMO.acme.id }]);
    });
  });

  test("app.system = 'sla-scheduler' moves no clock of any organisation", async () => {
    await asRole(graph.db.appUrl, async (app) => {
      await app.query(`select set_config('app.system', 'sla-scheduler', false)`);
      expect((await app.query(`update workstream.sla_clock set next_check_at = now()`)).rowCount).toBe(0);
    });
  });

  test('the application role cannot become the system role or its group', async () => {
    await asRole(graph.db.appUrl, async (app) => {
      for (const role of ['flowledger_system', SYSTEM_SCOPE_ROLE]) {
        await expect(app.query(`set role ${role}`)).rejects.toMatchObject({ code: '42501' });
      }
      await expect(app.query(`set session authorization flowledger_system`)).rejects.toMatchObject({ code: '42501' });
    });
  });

  test('the system role claims across organisations only in its named scope, and still reads no other table', async () => {
    await asRole(graph.db.systemUrl, async (system) => {
      expect(await n(system, 'select count(*) as n from workstream.outbox_event')).toBe(0);
      await system.query(`select set_config('app.system', 'outbox-relay', false)`);
      expect((await system.query('select distinct org_id from workstream.outbox_event order by 1')).rows.map((r) => r.org_id).sort()).toEqual(
        [DEMO.acme.id, DEMO.globex.id].sort(),
      );
      expect(await n(system, 'select count(*) as n from workstream.candidate')).toBe(0);
    });
  });

  test('a service refuses to run as a member of the system scope', async () => {
    await expect(assertSafeAppRole(graph.db.systemUrl)).rejects.toThrow(UnsafeDatabaseRoleError);
    await expect(assertSafeAppRole(graph.db.systemUrl, { system: true })).resolves.toBeUndefined();
  });
});

describe("workstream's row-level security and composite keys, at the SQL level", () => {
  test('an organisation reads only its own rows of every table, and cannot write a row of another', async () => {
    await asRole(graph.db.appUrl, async (app) => {
      await app.query('begin');
      await app.query(`select set_config('app.org_id', $1, true)`, [DEMO.acme.id]);
      for (const table of ['candidate', 'signal', 'sla_clock']) {
        expect((await app.query(`select distinct org_id from workstream.${table}`)).rows).toEqual([{ org_id: DEMO.acme.id }]);
      }
      expect(await n(app, `select count(*) as n from workstream.candidate where id = '${globexCandidate}'`)).toBe(0);
      await expect(
        app.query(`insert into workstream.candidate (id, org_id, status, title, priority, tags) values ($1, $2, 'NEW', 'planted', 'LOW', '{}')`, [
          uuidv7(),
          DEMO.globex.id,
        ]),
      ).rejects.toMatchObject({ code: '42501' });
      await app.query('rollback');
    });
  });

  test("a pursuit cannot point at another organisation's candidate, even for the owner", async () => {
    await asRole(graph.db.ownerUrl, async (owner) => {
      await owner.query('begin');
      await owner.query(`insert into workstream.pursuit (id, org_id, candidate_id, name, probability) values ($1, $2, $3, 'crossed', 10)`, [
        uuidv7(),
        DEMO.acme.id,
        globexCandidate,
      ]);
      await expect(owner.query('commit')).rejects.toMatchObject({ code: '23503' });
    });
    expect(acmeCandidate).toBeTruthy();
  });
});
