import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startFullGraph } from '@flowledger/devtools/testing';
import type { FullGraph } from '@flowledger/devtools/testing';
import { inFlightStats } from '../src/signed-data-source.ts';

let graph: FullGraph;
beforeAll(async () => {
  graph = await startFullGraph();
  for (const org of ['acme', 'globex'] as const)
    for (let i = 0; i < 3; i++) {
      const { body } = await graph.query({
        org,
        query: 'mutation($i: CreateClientInput!) { createClient(input: $i) { userErrors { code } } }',
        variables: { i: { name: `${org} client ${i}` } },
      });
      expect(body.data.createClient.userErrors).toEqual([]);
    }
});
afterAll(() => graph?.close());

const PAGE = '{ clients(first: 10) { edges { node { name } } } }';

describe('identical reads in flight share one subgraph fetch', () => {
  test('forty identical queries from two organisations at once: each sees only its own rows, and fetches are shared', async () => {
    const before = { ...inFlightStats };
    const orgs = Array.from({ length: 40 }, (_, i) => (i % 2 ? 'globex' : 'acme') as 'acme' | 'globex');
    const answers = await Promise.all(orgs.map((org) => graph.query({ org, query: PAGE })));
    answers.forEach((answer, i) => {
      const names: string[] = answer.body.data.clients.edges.map((e: { node: { name: string } }) => e.node.name);
      expect({ org: orgs[i], names }).toEqual({ org: orgs[i], names: [0, 1, 2].map((n) => `${orgs[i]} client ${n}`) });
    });
    // Shared within an organisation only: at least one fetch per organisation was sent.
    expect(inFlightStats.shared - before.shared).toBeGreaterThan(0);
    expect(inFlightStats.sent - before.sent).toBeGreaterThanOrEqual(2);
    expect(inFlightStats.shared - before.shared + (inFlightStats.sent - before.sent)).toBe(40);
  });

  test('the same query as two roles of one organisation is never shared between them', async () => {
    const before = { ...inFlightStats };
    const roles = ['ADMIN', 'VIEWER', 'ADMIN', 'VIEWER'] as const;
    await Promise.all(roles.map((role) => graph.query({ org: 'acme', role, query: PAGE })));
    expect(inFlightStats.sent - before.sent).toBeGreaterThanOrEqual(2);
  });

  test('identical mutations at once are each carried out: ten createSignal calls make ten signals', async () => {
    const before = { ...inFlightStats };
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        graph.query({ query: 'mutation { createSignal(input: { source: WEB, summary: "dedup-probe" }) { signal { id } userErrors { code } } }' }),
      ),
    );
    const ids = new Set(answers.map((a) => a.body.data.createSignal.signal.id));
    expect(ids.size).toBe(10);
    expect(inFlightStats.sent - before.sent).toBeGreaterThanOrEqual(10);
  });
});
