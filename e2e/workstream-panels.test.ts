import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startFullGraph } from '@flowledger/devtools/testing';
import type { FullGraph } from '@flowledger/devtools/testing';
import { DEMO } from '@flowledger/access';
import { ManualClock, countedQueries, createLogger, createOutboxRelay, inOrgScope, referencesReadFromTheirOwner } from '@flowledger/shared';
import type { OrgContext } from '@flowledger/shared';
import { runSlaScheduler } from '@flowledger/workstream';
import { createSignal } from '../subgraphs/workstream/src/use-cases/create-signal.ts';
import { promoteCandidate } from '../subgraphs/workstream/src/use-cases/promote-candidate.ts';
import { transitionPursuit } from '../subgraphs/workstream/src/use-cases/transition-pursuit.ts';
import { triageCandidate } from '../subgraphs/workstream/src/use-cases/triage-candidate.ts';
import { gql, mutate, newPursuit } from './workstream-helpers.ts';

const T0 = new Date('2026-05-04T06:00:00.000Z');
const HOUR = 3_600_000;
const clock = new ManualClock(T0);
let graph: FullGraph;
const max = DEMO.acme.users.find((u) => u.role === 'MEMBER')!.id;

beforeAll(async () => {
  graph = await startFullGraph({}, { clock, workers: false });
});
afterAll(() => graph?.close());

const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);

describe('today', () => {
  test('orders BREACHED, then AT_RISK, then priority, then due time; filters by assignee and tags', async () => {
    await mutate(graph, 'setSlaRule', { kind: 'TRIAGE', hours: 10, warnFraction: 0.5 }, 'rule { kind }');
    const signal = async (summary: string, hours: number, priority: string, tags: string[] = []) => {
      clock.set(at(hours));
      return (await mutate(graph, 'createSignal', { source: 'WEB', summary, priority, tags }, 'candidate { id }')).candidate.id as string;
    };
    await signal('A breached, low', 0, 'LOW');
    await signal('B at risk, low', 4, 'LOW');
    await signal('C urgent, due first', 11, 'URGENT');
    const d = await signal('D high', 11, 'HIGH');
    await signal('E urgent, due later', 11.5, 'URGENT', ['vip']);
    clock.set(at(12));
    await runSlaScheduler({ orm: graph.subgraphs.workstream!.systemOrm!, now: at(12) });

    const TODAY = 'query($filter: TodayFilter) { today(filter: $filter) { slaStatus priority reason candidate { title } } }';
    const everyone = await gql(graph, TODAY, { filter: { everyone: true } });
    expect(everyone.today.map((i: any) => [i.candidate.title, i.slaStatus])).toEqual([
      ['A breached, low', 'BREACHED'],
      ['B at risk, low', 'AT_RISK'],
      ['C urgent, due first', 'OK'],
      ['E urgent, due later', 'OK'],
      ['D high', 'OK'],
    ]);

    await mutate(graph, 'triageCandidate', { id: d, status: 'TRIAGED', assigneeId: max }, 'candidate { id }');
    const mine = await gql(graph, TODAY, {});
    expect(mine.today.map((i: any) => i.candidate.title)).not.toContain('D high');
    const maxs = await gql(graph, TODAY, { filter: { assigneeId: max } });
    expect(maxs.today.map((i: any) => i.candidate.title)).toContain('D high');
    const vip = await gql(graph, TODAY, { filter: { tags: ['vip'], everyone: true } });
    expect(vip.today.map((i: any) => i.candidate.title)).toEqual(['E urgent, due later']);
  });
});

describe('pipelineBoard', () => {
  test('counts per stage and exact totals per currency, weighted by probability', async () => {
    for (let i = 0; i < 3; i++) await newPursuit(graph, { amount: '0.10', currency: 'EUR' });
    const usd = await newPursuit(graph, { amount: '33333.33', currency: 'USD' });
    await mutate(graph, 'transitionPursuit', { id: usd.pursuitId, to: 'PINK', expectedVersion: usd.version, probability: 33 }, 'pursuit { id }');
    const { pipelineBoard } = await gql(graph, '{ pipelineBoard { columns { stage count totals { currency total weighted } } candidates { status count } } }');
    const column = (stage: string) => pipelineBoard.columns.find((c: any) => c.stage === stage);
    expect(column('QUALIFY')).toEqual({ stage: 'QUALIFY', count: 3, totals: [{ currency: 'EUR', total: '0.30', weighted: '0.03' }] });
    expect(column('PINK')).toEqual({ stage: 'PINK', count: 1, totals: [{ currency: 'USD', total: '33333.33', weighted: '10999.9989' }] });
    expect(column('WON')).toEqual({ stage: 'WON', count: 0, totals: [] });
    expect(pipelineBoard.candidates.find((c: any) => c.status === 'PROMOTED').count).toBe(4);
  });
});

describe('pursuits(first: N)', () => {
  test('costs the same SQL statements for 10 and 100 pursuits, with client, history and checklist', async () => {
    const context: OrgContext = { orgId: DEMO.acme.id, actor: { type: 'user', id: DEMO.acme.users[0]!.id }, roles: ['ADMIN'], requestId: 'fixture' };
    const client = await mutate(graph, 'createClient', { name: 'Bulk Client' }, 'client { id }');
    const orm = graph.subgraphs.workstream!.orm;
    await inOrgScope(orm, DEMO.acme.id, async (em) => {
      for (let i = 0; i < 110; i++) {
        const now = at(20);
        const { candidate } = await createSignal({
          em,
          org: context,
          references: referencesReadFromTheirOwner,
          now,
          input: { source: 'INGEST', summary: `Bulk ${i}`, externalId: `bulk-${i}`, clientId: client.client.id },
        });
        await triageCandidate({ em, org: context, references: referencesReadFromTheirOwner, now, input: { id: candidate!.id, status: 'TRIAGED' } });
        const { pursuit } = await promoteCandidate({
          em,
          org: context,
          references: referencesReadFromTheirOwner,
          now,
          input: { id: candidate!.id, name: `Bulk pursuit ${i}` },
        });
        await transitionPursuit({
          em,
          org: context,
          references: referencesReadFromTheirOwner,
          now,
          input: { id: pursuit!.id, to: 'PINK', expectedVersion: 1 },
        });
        em.clear(); // a long fixture transaction: keep the unit of work small
      }
    });
    const PAGE =
      'query($first: Int) { pursuits(first: $first) { edges { node { name client { name } stageHistory { from to by { id } } checklist { label completedAt } proposals { version } sla { status } candidate { title } } } } }';
    const measure = async (first: number) => {
      const before = countedQueries('workstream') + countedQueries('crm');
      const data = await gql(graph, PAGE, { first });
      expect(data.pursuits.edges).toHaveLength(first);
      expect(data.pursuits.edges[0].node.client.name).toBe('Bulk Client');
      expect(data.pursuits.edges[0].node.stageHistory).toHaveLength(2);
      return countedQueries('workstream') + countedQueries('crm') - before;
    };
    const small = await measure(10);
    const large = await measure(100);
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(16);

    // The catch-up list of those 220 stage events: positions come from a relay round.
    const relay = createOutboxRelay({
      url: graph.db.systemUrl,
      schema: 'workstream',
      source: 'test',
      log: createLogger('test', 'silent'),
      clock: new ManualClock(at(30)),
      batchSize: 1000,
      bus: {
        publish: async () => {},
        publishBatch: async () => {},
        subscribe: async () => () => {},
        onReplayRequest: async () => () => {},
        connected: true,
        close: async () => {},
      },
    });
    await relay.runOnce();
    await relay.stop();
    const EVENTS =
      'query($first: Int) { pursuitStageEvents(first: $first) { edges { cursor node { to at by { id } pursuit { name stageHistory { to } client { name } } } } } }';
    const measureEvents = async (first: number) => {
      const before = countedQueries('workstream') + countedQueries('crm');
      const data = await gql(graph, EVENTS, { first });
      expect(data.pursuitStageEvents.edges).toHaveLength(first);
      expect(data.pursuitStageEvents.edges.at(-1).node.pursuit.client).not.toBeUndefined();
      return countedQueries('workstream') + countedQueries('crm') - before;
    };
    expect(await measureEvents(100)).toBe(await measureEvents(10));

    const CANDIDATES =
      'query($first: Int) { candidates(first: $first, filter: { statuses: [PROMOTED] }) { edges { node { title client { name } signals { summary } pursuit { name } sla { status } } } } }';
    const measureCandidates = async (first: number) => {
      const before = countedQueries('workstream') + countedQueries('crm');
      const data = await gql(graph, CANDIDATES, { first });
      expect(data.candidates.edges).toHaveLength(first);
      return countedQueries('workstream') + countedQueries('crm') - before;
    };
    expect(await measureCandidates(100)).toBe(await measureCandidates(10));
  });
});
