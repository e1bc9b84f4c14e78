import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import pg from 'pg';
import { startFullGraph } from '@flowledger/devtools/testing';
import type { FullGraph } from '@flowledger/devtools/testing';
import { ManualClock } from '@flowledger/shared';
import { DUE_CLOCKS_SQL, runSlaScheduler } from '@flowledger/workstream';
import { gql, mutate, newPursuit } from './workstream-helpers.ts';

const T0 = new Date('2026-03-02T09:00:00.000Z');
const HOUR = 3_600_000;
const clock = new ManualClock(T0);
let graph: FullGraph;

beforeAll(async () => {
  // Time is this test's: the scheduler runs only when the test says so.
  graph = await startFullGraph({}, { clock, workers: false });
});
afterAll(() => graph?.close());

async function sql<T = any>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: graph.db.ownerUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

const schedule = (at: Date) => runSlaScheduler({ orm: graph.subgraphs.workstream!.systemOrm!, now: at });

describe('transitionPursuit under contention', () => {
  test('20 concurrent calls with the same expectedVersion: one succeeds, 19 are STALE, one history entry', async () => {
    const { pursuitId, version } = await newPursuit(graph);
    const calls = Array.from({ length: 20 }, () =>
      graph.query({
        query: 'mutation($input: TransitionPursuitInput!) { transitionPursuit(input: $input) { pursuit { version } userErrors { code } } }',
        variables: { input: { id: pursuitId, to: 'PINK', expectedVersion: version } },
      }),
    );
    const results = (await Promise.all(calls)).map((r) => r.body.data.transitionPursuit);
    expect(results.filter((r) => r.pursuit?.version === version + 1)).toHaveLength(1);
    expect(results.filter((r) => r.userErrors[0]?.code === 'STALE')).toHaveLength(19);
    const { pursuit } = await gql(graph, 'query($id: ID!) { pursuit(id: $id) { stage version stageHistory { from to } } }', { id: pursuitId });
    expect(pursuit).toEqual({
      stage: 'PINK',
      version: version + 1,
      stageHistory: [
        { from: null, to: 'QUALIFY' },
        { from: 'QUALIFY', to: 'PINK' },
      ],
    });
    const events = await sql(`select seq from workstream.outbox_event where aggregate_id = $1 and type = 'PursuitStageChanged' order by seq`, [pursuitId]);
    expect(events.map((e) => e.seq)).toEqual([1, 2]);
  });
});

describe('SLA clocks with an injected clock', () => {
  test("a candidate's TRIAGE clock goes AT_RISK then BREACHED exactly once each, with one breach row", async () => {
    clock.set(T0);
    await mutate(graph, 'setSlaRule', { kind: 'TRIAGE', hours: 10, warnFraction: 0.5 }, 'rule { hours }');
    const signal = await mutate(graph, 'createSignal', { source: 'WEB', summary: 'Needs triage' }, 'candidate { id sla { status warnAt dueAt } }');
    const id = signal.candidate.id;
    expect(signal.candidate.sla).toEqual({ status: 'OK', warnAt: '2026-03-02T14:00:00.000Z', dueAt: '2026-03-02T19:00:00.000Z' });
    const status = async () => (await gql(graph, 'query($id: ID!) { candidate(id: $id) { sla { status } } }', { id })).candidate.sla.status;

    await schedule(new Date(T0.getTime() + 4 * HOUR));
    expect(await status()).toBe('OK');
    await schedule(new Date(T0.getTime() + 5 * HOUR));
    expect(await status()).toBe('AT_RISK');
    await schedule(new Date(T0.getTime() + 6 * HOUR));
    await schedule(new Date(T0.getTime() + 10 * HOUR));
    expect(await status()).toBe('BREACHED');
    // Two schedulers at once, later still: nothing moves twice.
    await Promise.all([schedule(new Date(T0.getTime() + 11 * HOUR)), schedule(new Date(T0.getTime() + 11 * HOUR))]);

    const events = await sql(
      `select seq, payload->>'from' as "from", payload->>'to' as "to" from workstream.outbox_event where type = 'SlaStatusChanged' and payload->>'subjectId' = $1 order by seq`,
      [id],
    );
    expect(events).toEqual([
      { seq: 1, from: 'OK', to: 'AT_RISK' },
      { seq: 2, from: 'AT_RISK', to: 'BREACHED' },
    ]);
    expect(await sql('select kind from workstream.sla_breach where subject_id = $1', [id])).toEqual([{ kind: 'TRIAGE' }]);
    const { slaBreaches } = await gql(graph, '{ slaBreaches { kind subjectId } }');
    expect(slaBreaches).toContainEqual({ kind: 'TRIAGE', subjectId: id });
  });

  test('a first touch in time meets the clock, and the scheduler never moves it again', async () => {
    clock.set(T0);
    const signal = await mutate(graph, 'createSignal', { source: 'WEB', summary: 'Quick one' }, 'candidate { id }');
    clock.set(new Date(T0.getTime() + 2 * HOUR));
    await mutate(graph, 'triageCandidate', { id: signal.candidate.id, status: 'TRIAGED' }, 'candidate { id }');
    await schedule(new Date(T0.getTime() + 48 * HOUR));
    const { candidate } = await gql(graph, 'query($id: ID!) { candidate(id: $id) { firstTouchAt sla { status metAt } } }', { id: signal.candidate.id });
    expect(candidate).toEqual({ firstTouchAt: '2026-03-02T11:00:00.000Z', sla: { status: 'MET', metAt: '2026-03-02T11:00:00.000Z' } });
  });

  test('two schedulers split the due clocks: each moves once', async () => {
    clock.set(T0);
    for (let i = 0; i < 30; i++) await mutate(graph, 'createSignal', { source: 'PARTNER', summary: `Batch ${i}` }, 'candidate { id }');
    const at = new Date(T0.getTime() + 100 * HOUR);
    const [a, b] = await Promise.all([schedule(at), schedule(at)]);
    const breachesFor = await sql(
      `select count(*)::int as n from workstream.sla_breach b join workstream.candidate c on c.id = b.subject_id where c.title like 'Batch %'`,
    );
    expect(breachesFor[0].n).toBe(30);
    expect(a.breached + b.breached).toBe(30);
    const duplicates = await sql(
      `select aggregate_id, count(*) from workstream.outbox_event where type = 'SlaStatusChanged' group by aggregate_id, seq having count(*) > 1`,
    );
    expect(duplicates).toEqual([]);
  });

  test('the scheduler finds due clocks through the partial index on next_check_at, not a scan of every clock', async () => {
    const client = new pg.Client({ connectionString: graph.db.ownerUrl });
    await client.connect();
    try {
      // The test table is small enough that the planner would scan anyway; what matters is that the index fits the query.
      await client.query('set enable_seqscan = off');
      // The scheduler's own statement, not a copy of it.
      let n = 0;
      const { rows } = await client.query(`explain ${DUE_CLOCKS_SQL.replace(/\?/g, () => `$${++n}`)}`, [new Date(), 500]);
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(plan).toMatch(/Index Scan (using|on) sla_clock_next_check_idx/);
      expect(plan).not.toMatch(/Seq Scan/);
    } finally {
      await client.end();
    }
  });
});
