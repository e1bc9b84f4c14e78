import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startFullGraph } from '@flowledger/devtools/testing';
import type { FullGraph } from '@flowledger/devtools/testing';
import { runSlaScheduler } from '@flowledger/workstream';
import { mutate } from '../workstream-helpers.ts';

let graph: FullGraph;
beforeAll(async () => {
  graph = await startFullGraph({}, { workers: false });
});
afterAll(() => graph?.close());

const at = (n: number) => Array.from({ length: n }, (_, i) => i);
const all = <T>(n: number, send: (i: number) => Promise<T>) => Promise.all(at(n).map(send));

const SIGNAL = 'mutation($i: CreateSignalInput!) { createSignal(input: $i) { duplicate signal { id } candidate { id } userErrors { code } } }';

describe('concurrent duplicates: no server error, and nothing lost', () => {
  test('50 concurrent signals for one client and no contact: all 50 recorded, on one open candidate', async () => {
    const client = await mutate(graph, 'createClient', { name: 'Busy Client' }, 'client { id }');
    const answers = await all(50, (i) => graph.query({ query: SIGNAL, variables: { i: { source: 'WEB', summary: `busy ${i}`, clientId: client.client.id } } }));
    expect(answers.map((a) => a.body.errors ?? a.body.data.createSignal.userErrors)).toEqual(answers.map(() => []));
    const signals = new Set(answers.map((a) => a.body.data.createSignal.signal.id));
    const candidates = new Set(answers.map((a) => a.body.data.createSignal.candidate.id));
    expect(signals.size).toBe(50);
    expect(candidates.size).toBe(1);
    const { body } = await graph.query({ query: 'query($id: ID!) { candidate(id: $id) { signals { id } } }', variables: { id: [...candidates][0] } });
    expect(body.data.candidate.signals).toHaveLength(50);
  });

  test('one externalId sent 50 times at once: one signal, 49 answers duplicate: true with it', async () => {
    const answers = await all(50, () => graph.query({ query: SIGNAL, variables: { i: { source: 'REFERRAL', summary: 'retried', externalId: 'msg-4711' } } }));
    expect(answers.map((a) => a.body.errors ?? a.body.data.createSignal.userErrors)).toEqual(answers.map(() => []));
    const payloads = answers.map((a) => a.body.data.createSignal);
    expect(payloads.filter((p) => !p.duplicate)).toHaveLength(1);
    expect(new Set(payloads.map((p) => p.signal.id)).size).toBe(1);
  });

  test('concurrent createClient with one domain: one client, the others DUPLICATE_DOMAIN', async () => {
    const answers = await all(12, (i) =>
      graph.query({
        query: 'mutation($i: CreateClientInput!) { createClient(input: $i) { client { id } userErrors { field code } } }',
        variables: { i: { name: `Same ${i}`, domain: 'same-domain.example' } },
      }),
    );
    expect(answers.every((a) => !a.body.errors)).toBe(true);
    const created = answers.filter((a) => a.body.data.createClient.client);
    expect(created).toHaveLength(1);
    expect(answers.filter((a) => a.body.data.createClient.userErrors[0]?.code === 'DUPLICATE_DOMAIN')).toHaveLength(11);
  });

  test('concurrent updateClient moving two clients to one domain: one wins, the other DUPLICATE_DOMAIN', async () => {
    const ids = await all(6, async (i) => (await mutate(graph, 'createClient', { name: `Mover ${i}` }, 'client { id }')).client.id as string);
    const answers = await all(6, (i) =>
      graph.query({
        query: 'mutation($i: UpdateClientInput!) { updateClient(input: $i) { client { id } userErrors { code } } }',
        variables: { i: { id: ids[i], domain: 'moved-here.example' } },
      }),
    );
    expect(answers.every((a) => !a.body.errors)).toBe(true);
    expect(answers.filter((a) => a.body.data.updateClient.client)).toHaveLength(1);
    expect(answers.filter((a) => a.body.data.updateClient.userErrors[0]?.code === 'DUPLICATE_DOMAIN')).toHaveLength(5);
  });

  test('concurrent createContact with one email: one contact, the others DUPLICATE_EMAIL', async () => {
    const answers = await all(8, (i) =>
      graph.query({
        query: 'mutation($i: CreateContactInput!) { createContact(input: $i) { contact { id } userErrors { code } } }',
        variables: { i: { firstName: `Twin ${i}`, email: 'twin@example.com' } },
      }),
    );
    expect(answers.every((a) => !a.body.errors)).toBe(true);
    expect(answers.filter((a) => a.body.data.createContact.contact)).toHaveLength(1);
    expect(answers.filter((a) => a.body.data.createContact.userErrors[0]?.code === 'DUPLICATE_EMAIL')).toHaveLength(7);
  });

  test('concurrent createContact with one LinkedIn URL (written two ways): one contact, the others DUPLICATE_LINKEDIN_URL', async () => {
    const answers = await all(8, (i) =>
      graph.query({
        query: 'mutation($i: CreateContactInput!) { createContact(input: $i) { contact { id } userErrors { code } } }',
        variables: { i: { firstName: `Twin ${i}`, linkedinUrl: i % 2 ? 'https://linkedin.com/in/same-twin/' : 'https://www.linkedin.com/in/same-twin' } },
      }),
    );
    expect(answers.every((a) => !a.body.errors)).toBe(true);
    expect(answers.filter((a) => a.body.data.createContact.contact)).toHaveLength(1);
    expect(answers.filter((a) => a.body.data.createContact.userErrors[0]?.code === 'DUPLICATE_LINKEDIN_URL')).toHaveLength(7);
  });

  test('the same ingest batch six times at once: no error, and each prospect exists once', async () => {
    const items = at(20).map((i) => ({
      client: { name: `Ingested ${i}`, domain: `ingested-${i}.example` },
      contact: { firstName: 'P', email: `p${i}@ingested-${i}.example` },
    }));
    const answers = await all(6, () =>
      graph.query({
        query: 'mutation($i: IngestProspectsInput!) { ingestProspects(input: $i) { results { status } userErrors { code } } }',
        variables: { i: { items } },
      }),
    );
    expect(answers.map((a) => a.body.errors ?? [])).toEqual(answers.map(() => []));
    const { body } = await graph.query({ query: '{ clients(first: 250, filter: { search: "Ingested" }) { totalCount } }' });
    expect(body.data.clients.totalCount).toBe(20);
  });

  test('triaging a candidate while the SLA scheduler moves its clock: both succeed, every time', async () => {
    for (let round = 0; round < 8; round++) {
      const created = await mutate(graph, 'createSignal', { source: 'WEB', summary: `racing ${round}` }, 'candidate { id }');
      const [triaged] = await Promise.all([
        graph.query({
          query: 'mutation($i: TriageCandidateInput!) { triageCandidate(input: $i) { candidate { status } userErrors { code } } }',
          variables: { i: { id: created.candidate.id, status: 'TRIAGED' } },
        }),
        runSlaScheduler({ orm: graph.subgraphs.workstream!.systemOrm!, now: new Date(Date.now() + 20 * 3_600_000) }),
      ]);
      expect(triaged.body.errors).toBeUndefined();
      expect(triaged.body.data.triageCandidate).toEqual({ candidate: { status: 'TRIAGED' }, userErrors: [] });
    }
  });
});
