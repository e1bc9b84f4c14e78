import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startFullGraph } from '@flowledger/devtools/testing';
import type { FullGraph } from '@flowledger/devtools/testing';
import { DEMO } from '@flowledger/access';
import { signContext } from '@flowledger/shared';
import type { OrgContext } from '@flowledger/shared';
import { signedSubgraphRequest, TEST_SECRETS } from '@flowledger/shared/testkit';

let graph: FullGraph;
beforeAll(async () => {
  graph = await startFullGraph();
});
afterAll(() => graph?.close());

const acme: OrgContext = { orgId: DEMO.acme.id, actor: { type: 'user', id: DEMO.acme.users[0]!.id }, roles: ['ADMIN'], requestId: 'req-signature-test' };
const QUERY = '{ clients(first: 1) { totalCount } }';

async function rawPost(url: string, body: string, headers: Record<string, string>) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: response.status, body: (await response.json()) as any };
}

describe('a subgraph called directly', () => {
  test('answers a request signed the way the gateway signs', async () => {
    const { status, body } = await signedSubgraphRequest({ url: graph.subgraphs.crm!.url, subgraph: 'crm', context: acme, query: QUERY });
    expect(status).toBe(200);
    expect(body.data.clients.totalCount).toBe(0);
  });

  test('refuses an unsigned request, even one naming an organisation in a header', async () => {
    const { status, body } = await rawPost(graph.subgraphs.crm!.url, JSON.stringify({ query: QUERY }), { 'x-org-id': DEMO.acme.id });
    expect(status).toBe(401);
    expect(body).toEqual({ errors: [{ message: 'requests must come through the gateway', extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  const body = JSON.stringify({ query: QUERY });
  const refusals: [string, () => Record<string, string>][] = [
    ['a signature made with another secret', () => signContext({ secret: 'not-the-gateway-secret-000000000000000', subgraph: 'crm', context: acme, body })],
    ['a signature for another subgraph', () => signContext({ secret: TEST_SECRETS.signingSecret, subgraph: 'access', context: acme, body })],
    [
      'a signature over another body',
      () => signContext({ secret: TEST_SECRETS.signingSecret, subgraph: 'crm', context: acme, body: JSON.stringify({ query: '{ __typename }' }) }),
    ],
    ['a signature older than 30 s', () => signContext({ secret: TEST_SECRETS.signingSecret, subgraph: 'crm', context: acme, body, now: Date.now() - 31_000 })],
    [
      'a context swapped after signing',
      () => ({
        ...signContext({ secret: TEST_SECRETS.signingSecret, subgraph: 'crm', context: acme, body }),
        'x-fl-context': Buffer.from(JSON.stringify({ ...acme, orgId: DEMO.globex.id })).toString('base64url'),
      }),
    ],
    ['a system signature (no organisation) on /graphql', () => signContext({ secret: TEST_SECRETS.signingSecret, subgraph: 'crm', context: null, body })],
  ];
  test.each(refusals)('refuses %s', async (_name, headers) => {
    const { status, body: answer } = await rawPost(graph.subgraphs.crm!.url, body, headers());
    expect(status).toBe(401);
    expect(answer.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  test('refuses a captured signed mutation sent again: it runs once', async () => {
    const mutation = JSON.stringify({
      query: 'mutation { createSignal(input: { source: WEB, summary: "captured once" }) { signal { id } userErrors { code } } }',
    });
    const headers = signContext({ secret: TEST_SECRETS.signingSecret, subgraph: 'workstream', context: acme, body: mutation });
    const first = await rawPost(graph.subgraphs.workstream!.url, mutation, headers);
    expect(first.status).toBe(200);
    expect(first.body.data.createSignal.signal.id).toBeTruthy();
    for (let i = 0; i < 3; i++) {
      const replay = await rawPost(graph.subgraphs.workstream!.url, mutation, headers);
      expect(replay.status).toBe(401);
      expect(replay.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    const { body: listed } = await signedSubgraphRequest({
      url: graph.subgraphs.workstream!.url,
      subgraph: 'workstream',
      context: acme,
      query: '{ candidates(first: 250) { edges { node { title } } } }',
    });
    expect(listed.data.candidates.edges.filter((e: any) => e.node.title === 'captured once')).toHaveLength(1);
  });

  test('refuses a signature without its nonce', async () => {
    const { 'x-fl-nonce': _nonce, ...headers } = signContext({ secret: TEST_SECRETS.signingSecret, subgraph: 'crm', context: acme, body });
    expect((await rawPost(graph.subgraphs.crm!.url, body, headers)).status).toBe(401);
  });

  test('the internal membership endpoint refuses unsigned calls', async () => {
    const url = new URL('/internal/session', graph.subgraphs.access!.url).toString();
    const { status } = await rawPost(url, JSON.stringify({ userId: DEMO.acme.users[0]!.id, orgId: DEMO.acme.id }), {});
    expect(status).toBe(401);
  });

  test('only /healthz answers without a signature', async () => {
    const health = await fetch(new URL('/healthz', graph.subgraphs.crm!.url));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', subgraph: 'crm' });
  });
});
