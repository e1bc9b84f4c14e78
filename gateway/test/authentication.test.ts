import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startFullGraph } from '@flowledger/devtools/testing';
import type { FullGraph } from '@flowledger/devtools/testing';
import { DEMO } from '@flowledger/access';
import { testToken } from '@flowledger/shared/testkit';

let graph: FullGraph;
beforeAll(async () => {
  graph = await startFullGraph();
});
afterAll(() => graph?.close());

const ME = '{ me { role user { name } organization { name slug } } }';

async function post(headers: Record<string, string>, query = ME) {
  const response = await fetch(graph.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

describe('a valid bearer token', () => {
  test('acts as its user in its organisation, with the role of the membership', async () => {
    const { status, body } = await post({ authorization: `Bearer ${await graph.token('acme', 'VIEWER')}` });
    expect(status).toBe(200);
    expect(body.data.me).toEqual({ role: 'VIEWER', user: { name: 'Vic Viewer' }, organization: { name: 'Acme Consulting', slug: 'acme' } });
  });

  test('answers GET queries (CSRF prevention lets clients that send authorization through)', async () => {
    const response = await fetch(`${graph.gatewayUrl}?query=${encodeURIComponent('{ me { organization { slug } } }')}`, {
      headers: { authorization: `Bearer ${await graph.token('globex')}`, accept: 'application/graphql-response+json' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/graphql-response+json');
    expect(await response.json()).toEqual({ data: { me: { organization: { slug: 'globex' } } } });
  });
});

describe('no valid credential: 401 UNAUTHENTICATED', () => {
  const cases: [string, () => Promise<Record<string, string>>][] = [
    ['no credential', async () => ({})],
    ['a malformed Authorization header', async () => ({ authorization: 'Token abc' })],
    ['a token that is not a JWT', async () => ({ authorization: 'Bearer not-a-jwt' })],
    ['a bad signature', async () => ({ authorization: `Bearer ${await testToken({ userId: DEMO.acme.users[0]!.id, orgId: DEMO.acme.id, secret: 'another-secret-that-is-long-enough-000' })}` })],
    ['an expired token', async () => ({ authorization: `Bearer ${await testToken({ userId: DEMO.acme.users[0]!.id, orgId: DEMO.acme.id, expiresIn: -60 })}` })],
    ['another issuer', async () => ({ authorization: `Bearer ${await testToken({ userId: DEMO.acme.users[0]!.id, orgId: DEMO.acme.id, issuer: 'evil' })}` })],
    ['another audience', async () => ({ authorization: `Bearer ${await testToken({ userId: DEMO.acme.users[0]!.id, orgId: DEMO.acme.id, audience: 'other-api' })}` })],
    ['an organisation the user is not a member of', async () => ({ authorization: `Bearer ${await testToken({ userId: DEMO.acme.users[0]!.id, orgId: DEMO.globex.id })}` })],
    ['an API key (not accepted yet)', async () => ({ 'x-api-key': 'flk_anything' })],
  ];
  test.each(cases)('%s', async (_name, headers) => {
    const { status, headers: responseHeaders, body } = await post(await headers());
    expect(status).toBe(401);
    expect(responseHeaders.get('www-authenticate')).toBe('Bearer');
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })]);
  });

  test('nothing reaches a subgraph', async () => {
    const before = await subgraphRequestCount();
    await post({});
    await post({ authorization: 'Bearer nope' });
    expect(await subgraphRequestCount()).toBe(before);
  });
});

describe('the membership check', () => {
  test('concurrent checks for one user and organisation cost the access subgraph one request', async () => {
    const { createMembershipLookup } = await import('../src/membership-lookup.ts');
    const { TEST_SECRETS } = await import('@flowledger/shared/testkit');
    const lookup = createMembershipLookup({ accessUrl: graph.subgraphs.access!.url, signingSecret: TEST_SECRETS.signingSecret });
    const before = graph.subgraphs.access!.stats.requests;
    const roles = await Promise.all(Array.from({ length: 50 }, () => lookup(DEMO.acme.users[1]!.id, DEMO.acme.id)));
    expect(new Set(roles)).toEqual(new Set(['MEMBER']));
    expect(graph.subgraphs.access!.stats.requests - before).toBe(1);
    expect(await lookup(DEMO.acme.users[1]!.id, DEMO.globex.id)).toBeNull();
  });
});

/** Requests the subgraphs have received, as their servers count them. */
async function subgraphRequestCount(): Promise<number> {
  return Object.values(graph.subgraphs).reduce((sum, s) => sum + s.stats.requests, 0);
}
