import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import pg from 'pg';
import { startFullGraph } from '@flowledger/devtools/testing';
import type { FullGraph } from '@flowledger/devtools/testing';
import { mutate, newPursuit } from '../workstream-helpers.ts';
import { subscribe, untilSubscribed } from '../../gateway/test/subscription-client.ts';

let graph: FullGraph;
let owner: pg.Client;
beforeAll(async () => {
  graph = await startFullGraph();
  owner = new pg.Client({ connectionString: graph.db.ownerUrl });
  await owner.connect();
});
afterAll(async () => {
  await owner?.end();
  await graph?.close();
});

/** What a database restart or a network blip does to every connection of the application role. */
async function terminateApplicationConnections(): Promise<number> {
  const { rows } = await owner.query<{ n: number }>(
    `select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = current_database() and usename <> current_user and pid <> pg_backend_pid()`,
  );
  return rows[0]!.n;
}

const CLIENTS = '{ clients(first: 5) { totalCount edges { node { name contacts { email } } } } }';

describe('every application connection terminated under load', () => {
  test('the graph keeps answering within seconds, the relay listens again, and no committed event is lost', async () => {
    const watcher = subscribe({
      url: graph.gatewayUrl,
      token: await graph.token('acme'),
      query: 'subscription { pursuitStageChanged { id to pursuit { id } } }',
    });
    await untilSubscribed(graph.gateway!.hub!, 1);
    const { pursuitId } = await newPursuit(graph, { name: 'Blip deal' });
    await watcher.next(); // its QUALIFY event: the pipe works before the fault

    // Load: reads and writes keep coming while the connections die.
    let stop = false;
    const outcomes: { ok: boolean; at: number }[] = [];
    const transitions: string[] = [];
    const load = (async () => {
      while (!stop) {
        const { status, body } = await graph.query({ query: CLIENTS });
        outcomes.push({ ok: status === 200 && !body.errors, at: Date.now() });
      }
    })();
    const writes = (async () => {
      while (!stop) {
        const created = await graph.query({
          query: 'mutation($i: CreateSignalInput!) { createSignal(input: $i) { candidate { id } userErrors { code } } }',
          variables: { i: { source: 'WEB', summary: 'during the blip' } },
        });
        if (created.body.data?.createSignal?.candidate) transitions.push(created.body.data.createSignal.candidate.id);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const terminatedAt = Date.now();
    expect(await terminateApplicationConnections()).toBeGreaterThan(3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await terminateApplicationConnections(); // and once more, while the pools reconnect
    await new Promise((resolve) => setTimeout(resolve, 2000));
    stop = true;
    await Promise.all([load, writes]);

    // Requests after the fault succeed again within 5 s, and every service is still up.
    const recovered = outcomes.find((o) => o.at > terminatedAt + 300 && o.ok);
    expect(recovered).toBeDefined();
    expect(recovered!.at - terminatedAt).toBeLessThan(5000);
    expect(outcomes.filter((o) => o.at > terminatedAt + 1500).every((o) => o.ok)).toBe(true);
    // More requests at once than any pool has connections: a slot lost to a connection killed
    // mid-transaction would leave some of them waiting forever.
    const burst = await Promise.all(Array.from({ length: 30 }, () => graph.query({ query: CLIENTS })));
    expect(burst.map((r) => r.body.errors ?? 'ok')).toEqual(burst.map(() => 'ok'));

    // A transition after the fault reaches the subscriber at once: the relay is woken by NOTIFY
    // again (its fallback polling is 5 s), and the gateway's own LISTEN is back too.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = watcher.received.length;
    const moved = await mutate(graph, 'transitionPursuit', { id: pursuitId, to: 'PINK', expectedVersion: 1 }, 'pursuit { id }');
    expect(moved.pursuit.id).toBe(pursuitId);
    const sent = Date.now();
    let event;
    do event = await watcher.next(4000);
    while (event.data.pursuitStageChanged.to !== 'PINK');
    expect(event.at - sent).toBeLessThan(1500);
    expect(watcher.received.length).toBeGreaterThan(before);

    // Every event committed during the fault left the outbox (nothing stuck, nothing dead).
    const deadline = Date.now() + 5000;
    let unpublished: unknown[] = [];
    do {
      unpublished = (await owner.query(`select type, status, attempts, claimed_by, last_error from workstream.outbox_event where status <> 'PUBLISHED'`)).rows;
      if (unpublished.length) await new Promise((resolve) => setTimeout(resolve, 100));
    } while (unpublished.length && Date.now() < deadline);
    expect(unpublished).toEqual([]);
    expect(transitions.length).toBeGreaterThan(5);
    // And every candidate opened while the connections died has its event in the catch-up list.
    const listed = new Set<string>();
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const { body } = await graph.query({
        query:
          'query($after: String) { candidateStatusEvents(first: 250, after: $after) { edges { node { candidate { id } } } pageInfo { hasNextPage endCursor } } }',
        variables: { after },
      });
      for (const edge of body.data.candidateStatusEvents.edges) listed.add(edge.node.candidate.id);
      if (!body.data.candidateStatusEvents.pageInfo.hasNextPage) break;
      after = body.data.candidateStatusEvents.pageInfo.endCursor;
    }
    expect(transitions.filter((id) => !listed.has(id))).toEqual([]);
    await watcher.dispose();
  });
});
