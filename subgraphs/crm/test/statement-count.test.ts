import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { crmSubgraph } from '@flowledger/crm';
import { startSubgraphUnderTest } from '@flowledger/shared/testkit';
import type { SubgraphUnderTest } from '@flowledger/shared/testkit';
import { beginWithScopeStats, countedQueries } from '@flowledger/shared';

let crm: SubgraphUnderTest;
beforeAll(async () => {
  crm = await startSubgraphUnderTest(crmSubgraph);
  // 120 clients, each with two contacts holding positions there.
  const items = Array.from({ length: 120 }, (_, i) =>
    [0, 1].map((j) => ({
      client: { name: `Client ${String(i).padStart(3, '0')}`, domain: `client-${i}.example` },
      contact: { firstName: `P${j}`, lastName: `C${i}`, email: `p${j}@client-${i}.example` },
      position: { title: j ? 'CFO' : 'CEO' },
    })),
  ).flat();
  const { body } = await crm.query({
    query: 'mutation($input: IngestProspectsInput!) { ingestProspects(input: $input) { created } }',
    variables: { input: { items } },
  });
  expect(body.data.ingestProspects.created).toBe(240);
});
afterAll(() => crm?.close());

const PAGE = `query($first: Int) {
  clients(first: $first) {
    totalCount
    edges { node { name contacts { displayName email positions { title client { name } } } positions { title current contact { email } client { domain } } } }
  }
}`;

async function statementsFor(first: number, query = PAGE): Promise<{ statements: number; clients: number; contacts: number }> {
  const before = countedQueries('crm');
  const { body } = await crm.query({ query, variables: { first } });
  const edges = body.data.clients.edges;
  return {
    statements: countedQueries('crm') - before,
    clients: edges.length,
    contacts: edges.reduce((n: number, e: any) => n + e.node.contacts.length, 0),
  };
}

test('a page of clients with their contacts and positions costs the same SQL for 10 and 100 clients', async () => {
  const small = await statementsFor(10);
  const large = await statementsFor(100);
  expect(small.clients).toBe(10);
  expect(large.clients).toBe(100);
  expect(large.contacts).toBe(200);
  expect(large.statements).toBe(small.statements);
  // begin, set org, count, page, positions by client, contacts by id, positions by contact, clients by id, commit
  expect(large.statements).toBeLessThanOrEqual(10);
});

test('a page that does not select totalCount counts nothing: one statement fewer, the same rows', async () => {
  const counted = await statementsFor(20);
  const uncounted = await statementsFor(20, PAGE.replace('totalCount', ''));
  expect(uncounted.clients).toBe(20);
  expect(uncounted.contacts).toBe(counted.contacts);
  expect(uncounted.statements).toBe(counted.statements - 1);
  // Through a fragment, totalCount is still seen as selected.
  const viaFragment = await statementsFor(20, `${PAGE.replace('totalCount', '...Counted')} fragment Counted on ClientConnection { totalCount }`);
  expect(viaFragment.statements).toBe(counted.statements);
});

test('clients(first: 20) with contacts and positions is at most five statements, the same for 10 and 200', async () => {
  const CRM_PAGE = `query($first: Int) { clients(first: $first) { edges { node { name contacts { displayName email } positions { title contact { email } } } } } }`;
  const counts = [];
  for (const first of [10, 20, 200]) counts.push((await statementsFor(first, CRM_PAGE)).statements);
  // begin, the organisation, the page, the positions with their contacts, commit.
  expect(counts).toEqual([counts[0], counts[0], counts[0]]);
  expect(counts[0]).toBeLessThanOrEqual(5);
});

test("a request's transaction sends its begin and its organisation in one round trip", async () => {
  const before = beginWithScopeStats.merged;
  for (let i = 0; i < 3; i++) await statementsFor(10);
  expect(beginWithScopeStats.merged - before).toBe(3);
});
