import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startFullGraph } from '@flowledger/devtools/testing';
import type { FullGraph } from '@flowledger/devtools/testing';
import { runSlaScheduler } from '@flowledger/workstream';
import { gql, mutate, newPursuit } from '../../e2e/workstream-helpers.ts';
import { subscribe, untilSubscribed } from './subscription-client.ts';

let graph: FullGraph;
beforeAll(async () => {
  // Short membership cache and sweep, so a revoked membership shows within the test.
  graph = await startFullGraph({ MEMBERSHIP_CACHE_MS: '200', SOCKET_REVALIDATE_MS: '200' });
});
afterAll(() => graph?.close());

const STAGE = 'subscription { pursuitStageChanged { id cursor from to pursuit { name client { name } } } }';

/** A temporary member of acme with `role` subscribes; `change` alters the membership; how its socket ends (null: open after 5 s). */
async function closeCodeAfter(role: string, change: (owner: import('pg').Client, userId: string) => Promise<unknown>): Promise<number | null> {
  const pg = (await import('pg')).default;
  const { DEMO } = await import('@flowledger/access');
  const { uuidv7 } = await import('@flowledger/shared');
  const { testToken } = await import('@flowledger/shared/testkit');
  const userId = uuidv7();
  const owner = new pg.Client({ connectionString: graph.db.ownerUrl });
  await owner.connect();
  try {
    await owner.query(`insert into access.app_user (id, email, name) values ($1, $2, 'Temp')`, [userId, `temp-${userId}@acme.example`]);
    await owner.query(`insert into access.membership (id, org_id, user_id, role) values ($1, $2, $3, $4)`, [uuidv7(), DEMO.acme.id, userId, role]);
    const s = subscribe({ url: graph.gatewayUrl, token: await testToken({ userId, orgId: DEMO.acme.id, role: role as 'ADMIN' }), query: STAGE });
    await untilSubscribed(hub(), hub().size + 1);
    await change(owner, userId);
    const closed = await Promise.race([s.closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), 5000))]);
    return closed?.code ?? null;
  } finally {
    await owner.end();
  }
}
const hub = () => graph.gateway!.hub!;

describe('subscriptions over graphql-ws at the gateway URL', () => {
  test('acme receives a stage change, with fields from CRM; globex receives nothing', async () => {
    const base = 0;
    await untilSubscribed(hub(), base);
    const acme = subscribe({ url: graph.gatewayUrl, token: await graph.token('acme'), query: STAGE });
    const globex = subscribe({ url: graph.gatewayUrl, token: await graph.token('globex'), query: STAGE });
    await untilSubscribed(hub(), base + 2);
    const { pursuitId, version } = await newPursuit(graph, { name: 'Live deal' });
    await acme.next(); // QUALIFY, from the promotion
    await mutate(graph, 'transitionPursuit', { id: pursuitId, to: 'PINK', expectedVersion: version }, 'pursuit { id }');
    // How fast is the benchmark's question (npm run bench:subscriptions); this one asks whether it arrives.
    const event = await acme.next();
    expect(event.data.pursuitStageChanged).toMatchObject({ from: 'QUALIFY', to: 'PINK', pursuit: { name: 'Live deal', client: { name: 'Live deal Client' } } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(globex.received).toEqual([]);
    await Promise.all([acme.dispose(), globex.dispose()]);
  });

  test('a filter is checked against the event before anything is resolved', async () => {
    const base = 0;
    await untilSubscribed(hub(), base);
    const onlyRed = subscribe({
      url: graph.gatewayUrl,
      token: await graph.token('acme'),
      query: 'subscription($f: PursuitStageEventFilter) { pursuitStageChanged(filter: $f) { to } }',
      variables: { f: { stages: ['RED'] } },
    });
    await untilSubscribed(hub(), base + 1);
    const lookupsBefore = hub().stats.lookups;
    const eventsBefore = hub().stats.events;
    const { pursuitId, version } = await newPursuit(graph);
    await mutate(graph, 'transitionPursuit', { id: pursuitId, to: 'PINK', expectedVersion: version }, 'pursuit { id }');
    await mutate(graph, 'transitionPursuit', { id: pursuitId, to: 'RED', expectedVersion: version + 1 }, 'pursuit { id }');
    expect((await onlyRed.next()).data).toEqual({ pursuitStageChanged: { to: 'RED' } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(onlyRed.received).toHaveLength(1);
    // QUALIFY, PINK and RED all arrived; only RED passed the filter, so exactly one was resolved.
    expect(hub().stats.events - eventsBefore).toBeGreaterThanOrEqual(3);
    expect(hub().stats.lookups - lookupsBefore).toBe(1);
    await onlyRed.dispose();
  });

  test('a clock crossing AT_RISK reaches slaStatusChanged subscribers', async () => {
    const base = 0;
    await untilSubscribed(hub(), base);
    const sla = subscribe({
      url: graph.gatewayUrl,
      token: await graph.token('acme'),
      query: 'subscription { slaStatusChanged(filter: { statuses: [AT_RISK] }) { kind from to candidate { title } } }',
    });
    await untilSubscribed(hub(), base + 1);
    await mutate(graph, 'createSignal', { source: 'WEB', summary: 'Clock watcher' }, 'candidate { id }');
    await runSlaScheduler({ orm: graph.subgraphs.workstream!.systemOrm!, now: new Date(Date.now() + 20 * 3_600_000) });
    expect((await sla.next()).data).toEqual({ slaStatusChanged: { kind: 'TRIAGE', from: 'OK', to: 'AT_RISK', candidate: { title: 'Clock watcher' } } });
    await sla.dispose();
  });

  test('50 subscribers with the same selection cost one downstream resolution per event', async () => {
    const base = 0;
    await untilSubscribed(hub(), base);
    const token = await graph.token('acme');
    const many = Array.from({ length: 50 }, () => subscribe({ url: graph.gatewayUrl, token, query: STAGE }));
    await untilSubscribed(hub(), base + 50);
    const { pursuitId, version } = await newPursuit(graph);
    await Promise.all(many.map((s) => s.next()));
    const before = { workstream: graph.subgraphs.workstream!.stats.requests, crm: graph.subgraphs.crm!.stats.requests, lookups: hub().stats.lookups };
    await mutate(graph, 'transitionPursuit', { id: pursuitId, to: 'PINK', expectedVersion: version }, 'pursuit { id }');
    const mutationRequests = 1;
    const events = await Promise.all(many.map((s) => s.next()));
    expect(new Set(events.map((e) => JSON.stringify(e.data))).size).toBe(1);
    expect(hub().stats.lookups - before.lookups).toBe(1);
    expect(graph.subgraphs.workstream!.stats.requests - before.workstream - mutationRequests).toBe(1);
    expect(graph.subgraphs.crm!.stats.requests - before.crm).toBe(1);
    await Promise.all(many.map((s) => s.dispose()));
  });

  test('different selections in one organisation resolve in one execution, each getting its own shape', async () => {
    await untilSubscribed(hub(), 0);
    const token = await graph.token('acme');
    const a = subscribe({ url: graph.gatewayUrl, token, query: 'subscription { pursuitStageChanged { to } }' });
    const b = subscribe({ url: graph.gatewayUrl, token, query: 'subscription { stage: pursuitStageChanged { from pursuit { name } } }' });
    const c = subscribe({
      url: graph.gatewayUrl,
      token,
      query: 'subscription { pursuitStageChanged { ...Who } } fragment Who on PursuitStageEvent { pursuit { client { name } } }',
    });
    await untilSubscribed(hub(), 3);
    const before = { executions: hub().stats.executions, workstream: graph.subgraphs.workstream!.stats.requests };
    await newPursuit(graph, { name: 'Merged' });
    const [ea, eb, ec] = await Promise.all([a.next(), b.next(), c.next()]);
    expect(ea.data).toEqual({ pursuitStageChanged: { to: 'QUALIFY' } });
    expect(eb.data).toEqual({ stage: { from: null, pursuit: { name: 'Merged' } } });
    expect(ec.data).toEqual({ pursuitStageChanged: { pursuit: { client: { name: 'Merged Client' } } } });
    expect(hub().stats.executions - before.executions).toBe(1);
    await Promise.all([a, b, c].map((s) => s.dispose()));
  });

  test('two gateways with subscribers on both: one event reaches every subscriber exactly once', async () => {
    const other = await graph.startAnotherGateway();
    const token = await graph.token('acme');
    const base = 0;
    await untilSubscribed(hub(), base);
    const here = Array.from({ length: 3 }, () => subscribe({ url: graph.gatewayUrl, token, query: 'subscription { pursuitStageChanged { id to } }' }));
    const there = Array.from({ length: 3 }, () => subscribe({ url: other.url, token, query: 'subscription { pursuitStageChanged { id to } }' }));
    await untilSubscribed(hub(), base + 3);
    await untilSubscribed(other.hub!, 3);
    await newPursuit(graph);
    const all = [...here, ...there];
    const firsts = await Promise.all(all.map((s) => s.next()));
    expect(new Set(firsts.map((e) => e.data.pursuitStageChanged.id)).size).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const s of all) expect(s.received).toHaveLength(1);
    await Promise.all(all.map((s) => s.dispose()));
  });
});

describe('a gateway in a process of its own', () => {
  test('subscribers on both gateways get each event exactly once', async () => {
    const { spawn } = await import('node:child_process');
    const { join } = await import('node:path');
    const { findFreePort, repoRoot } = await import('@flowledger/shared');
    const { TEST_SECRETS } = await import('@flowledger/shared/testkit');
    const port = await findFreePort();
    const env = { ...process.env };
    delete env.REDIS_URL; // this test is about two processes on the default bus
    const child = spawn(process.execPath, [join(repoRoot, 'gateway/src/main.ts')], {
      env: {
        ...env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        GATEWAY_HOST: '127.0.0.1',
        GATEWAY_PORT: String(port),
        APP_DATABASE_URL: graph.db.appUrl,
        JWT_SECRET: TEST_SECRETS.jwtSecret,
        SUBGRAPH_SIGNING_SECRET: TEST_SECRETS.signingSecret,
        // Every subgraph of the registry, as npm start would give them.
        ...Object.fromEntries(Object.entries(graph.subgraphs).map(([name, s]) => [`${name.toUpperCase()}_URL`, s.url])),
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    try {
      const url = `http://127.0.0.1:${port}/graphql`;
      const deadline = Date.now() + 20_000;
      while (
        !(await fetch(`http://127.0.0.1:${port}/readyz`).then(
          (r) => r.ok,
          () => false,
        ))
      ) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error('the second gateway did not become ready');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await untilSubscribed(hub(), 0);
      const token = await graph.token('acme');
      const query = 'subscription { pursuitStageChanged { id to pursuit { name } } }';
      const subscribers = [subscribe({ url: graph.gatewayUrl, token, query }), subscribe({ url, token, query }), subscribe({ url, token, query })];
      await untilSubscribed(hub(), 1);
      const metricOf = async () => Number(/^flowledger_subscriptions (\d+)$/m.exec(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text())?.[1]);
      while ((await metricOf()) < 2) await new Promise((resolve) => setTimeout(resolve, 20));
      await newPursuit(graph, { name: 'Two processes' });
      const events = await Promise.all(subscribers.map((s) => s.next()));
      expect(events.map((e) => e.data.pursuitStageChanged.pursuit.name)).toEqual(['Two processes', 'Two processes', 'Two processes']);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(subscribers.map((s) => s.received.length)).toEqual([1, 1, 1]);
      await Promise.all(subscribers.map((s) => s.dispose()));
    } finally {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
    }
  });
});

describe('credentials on the socket', () => {
  test('a bad credential closes the socket with 4403', async () => {
    const s = subscribe({ url: graph.gatewayUrl, token: 'not-a-token', query: STAGE });
    expect((await s.closed).code).toBe(4403);
  });

  test('an expiring credential closes the socket at its expiry with 4403', async () => {
    const opened = Date.now();
    const s = subscribe({ url: graph.gatewayUrl, token: await graph.token('acme', 'ADMIN', 2), query: STAGE });
    const closed = await s.closed;
    expect(closed.code).toBe(4403);
    expect(Date.now() - opened).toBeGreaterThanOrEqual(1000);
    expect(Date.now() - opened).toBeLessThan(4000);
  });

  test('a membership removed while the socket is open ends it with 4403', async () => {
    expect(await closeCodeAfter('MEMBER', (owner, userId) => owner.query('delete from access.membership where user_id = $1', [userId]))).toBe(4403);
  });

  test('a role lowered while the socket is open ends it with 4403, so the client reconnects under its new role', async () => {
    expect(await closeCodeAfter('ADMIN', (owner, userId) => owner.query(`update access.membership set role = 'VIEWER' where user_id = $1`, [userId]))).toBe(
      4403,
    );
  });

  test('a query or an unknown field over the socket is an error message, not a dead socket', async () => {
    const token = await graph.token('acme');
    const { createClient } = await import('graphql-ws');
    const WebSocket = (await import('ws')).default;
    const client = createClient({
      url: graph.gatewayUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${token}` },
    });
    const errorOf = (query: string) =>
      new Promise<any>((resolve) => client.subscribe({ query }, { next: () => {}, error: resolve, complete: () => resolve(null) }));
    expect((await errorOf('{ me { role } }'))[0].message).toMatch(/only subscriptions are served over WebSocket/);
    expect((await errorOf('subscription { nope }'))[0].message).toMatch(/Cannot query field "nope"/);
    await client.dispose();
  });
});

describe('catch-up after a disconnection', () => {
  test('a subscriber away for 10 s gets every event it missed, in order, from the cursor list', async () => {
    const { pursuitId, version } = await newPursuit(graph, { name: 'Catch-up deal' });
    const base = 0;
    await untilSubscribed(hub(), base);
    const first = subscribe({
      url: graph.gatewayUrl,
      token: await graph.token('acme'),
      query: `subscription { pursuitStageChanged(filter: { stages: [PINK, RED, SUBMITTED, LOST] }) { cursor to pursuit { id } } }`,
    });
    await untilSubscribed(hub(), base + 1);
    await mutate(graph, 'transitionPursuit', { id: pursuitId, to: 'PINK', expectedVersion: version }, 'pursuit { id }');
    const seen = await first.next();
    await first.dispose();

    // Away for 10 s while the stream goes on.
    const awayUntil = Date.now() + 10_000;
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await mutate(graph, 'transitionPursuit', { id: pursuitId, to: 'RED', expectedVersion: version + 1 }, 'pursuit { id }');
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const other = await newPursuit(graph, { name: 'Other deal' });
    await mutate(graph, 'transitionPursuit', { id: other.pursuitId, to: 'LOST', expectedVersion: other.version, lostReason: 'No fit' }, 'pursuit { id }');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const { completeChecklist } = await import('../../e2e/workstream-helpers.ts');
    await completeChecklist(graph, pursuitId, 'PINK');
    await mutate(graph, 'transitionPursuit', { id: pursuitId, to: 'SUBMITTED', expectedVersion: version + 2 }, 'pursuit { id }');
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, awayUntil - Date.now())));

    const missed = await gql(
      graph,
      'query($after: String) { pursuitStageEvents(after: $after, filter: { stages: [PINK, RED, SUBMITTED, LOST] }) { edges { cursor node { to pursuit { name } } } pageInfo { hasNextPage endCursor } } }',
      { after: seen.data.pursuitStageChanged.cursor },
    );
    expect(missed.pursuitStageEvents.edges.map((e: any) => [e.node.pursuit.name, e.node.to])).toEqual([
      ['Catch-up deal', 'RED'],
      ['Other deal', 'LOST'],
      ['Catch-up deal', 'SUBMITTED'],
    ]);
    expect(missed.pursuitStageEvents.pageInfo.hasNextPage).toBe(false);
    const again = await gql(graph, 'query($after: String) { pursuitStageEvents(after: $after) { edges { cursor } } }', {
      after: missed.pursuitStageEvents.pageInfo.endCursor,
    });
    expect(again.pursuitStageEvents.edges).toEqual([]);
    const globex = await graph.query({ org: 'globex', query: '{ pursuitStageEvents { edges { cursor } } }' });
    expect(globex.body.data.pursuitStageEvents.edges).toEqual([]);
  }, 30_000);
});
