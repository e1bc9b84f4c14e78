import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startFullGraph } from '@flowledger/devtools/testing';
import type { FullGraph } from '@flowledger/devtools/testing';
import { DEMO } from '@flowledger/access';
import { SignJWT } from 'jose';
import { TEST_SECRETS, testConfig, testToken } from '@flowledger/shared/testkit';

/** A token signed by hand, to send what no well-behaved issuer would. */
async function craftedToken(options: { alg?: string; iat?: number; exp?: number; unsigned?: boolean }): Promise<string> {
  const config = testConfig();
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ org: DEMO.acme.id, roles: ['ADMIN'] })
    .setProtectedHeader({ alg: options.alg ?? 'HS256', typ: 'JWT' })
    .setSubject(DEMO.acme.users[0]!.id)
    .setIssuer(config.JWT_ISSUER)
    .setAudience(config.JWT_AUDIENCE)
    .setIssuedAt(options.iat ?? now)
    .setExpirationTime(options.exp ?? now + 3600);
  if (options.unsigned) {
    const [, payload] = (await jwt.sign(new TextEncoder().encode(TEST_SECRETS.jwtSecret))).split('.');
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    return `${none}.${payload}.`;
  }
  return jwt.sign(new TextEncoder().encode(TEST_SECRETS.jwtSecret));
}
const inSeconds = (s: number) => Math.floor(Date.now() / 1000) + s;

let graph: FullGraph;
beforeAll(async () => {
  graph = await startFullGraph({ METRICS_TOKEN: 'metrics-token-0123456789' });
});
afterAll(() => graph?.close());

const ME = '{ me { role user { name } organization { name slug } } }';

async function post(headers: Record<string, string>, query = ME) {
  const response = await fetch(graph.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
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
    expect({ ...((await response.json()) as object), extensions: undefined }).toEqual({ data: { me: { organization: { slug: 'globex' } } } });
  });
});

describe('no valid credential: 401 UNAUTHENTICATED', () => {
  const cases: [string, () => Promise<Record<string, string>>][] = [
    ['no credential', async () => ({})],
    ['a malformed Authorization header', async () => ({ authorization: 'Token abc' })],
    ['a token that is not a JWT', async () => ({ authorization: 'Bearer not-a-jwt' })],
    [
      'a bad signature',
      async () => ({
        authorization: `Bearer ${await testToken({ userId: DEMO.acme.users[0]!.id, orgId: DEMO.acme.id, secret: 'another-secret-that-is-long-enough-000' })}`,
      }),
    ],
    ['an expired token', async () => ({ authorization: `Bearer ${await testToken({ userId: DEMO.acme.users[0]!.id, orgId: DEMO.acme.id, expiresIn: -60 })}` })],
    ['another issuer', async () => ({ authorization: `Bearer ${await testToken({ userId: DEMO.acme.users[0]!.id, orgId: DEMO.acme.id, issuer: 'evil' })}` })],
    [
      'another audience',
      async () => ({ authorization: `Bearer ${await testToken({ userId: DEMO.acme.users[0]!.id, orgId: DEMO.acme.id, audience: 'other-api' })}` }),
    ],
    [
      'an organisation the user is not a member of',
      async () => ({ authorization: `Bearer ${await testToken({ userId: DEMO.acme.users[0]!.id, orgId: DEMO.globex.id })}` }),
    ],
    ['an API key (not accepted yet)', async () => ({ 'x-api-key': 'flk_anything' })],
    ['a token valid for a year (past JWT_MAX_LIFETIME_S)', async () => ({ authorization: `Bearer ${await craftedToken({ exp: inSeconds(365 * 86_400) })}` })],
    [
      'a token issued a year from now',
      async () => ({ authorization: `Bearer ${await craftedToken({ iat: inSeconds(365 * 86_400), exp: inSeconds(365 * 86_400 + 3600) })}` }),
    ],
    [
      'a token signed with HS512 under the right secret (only HS256 is accepted)',
      async () => ({ authorization: `Bearer ${await craftedToken({ alg: 'HS512' })}` }),
    ],
    ['an unsigned token (alg none)', async () => ({ authorization: `Bearer ${await craftedToken({ unsigned: true })}` })],
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

describe('/metrics with METRICS_TOKEN set', () => {
  test('answers only its bearer', async () => {
    const metrics = new URL('/metrics', graph.gatewayUrl).toString();
    expect((await fetch(metrics)).status).toBe(401);
    expect((await fetch(metrics, { headers: { authorization: 'Bearer metrics-token-wrong-0000' } })).status).toBe(401);
    const ok = await fetch(metrics, { headers: { authorization: 'Bearer metrics-token-0123456789' } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(/^flowledger_/m);
  });
});

/** Requests the subgraphs have received, as their servers count them. */
async function subgraphRequestCount(): Promise<number> {
  return Object.values(graph.subgraphs).reduce((sum, s) => sum + s.stats.requests, 0);
}
