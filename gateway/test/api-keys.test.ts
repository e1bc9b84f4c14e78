import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startFullGraph } from '@flowledger/devtools/testing';
import type { FullGraph } from '@flowledger/devtools/testing';
import { createLogger } from '@flowledger/shared';
import type { RunningGatewayLike } from '@flowledger/shared/testkit';
import { manifestOf, registerManifest, runPersisted } from './partner-helpers.ts';
import { subscribe, untilSubscribed } from './subscription-client.ts';

let graph: FullGraph;
let second: RunningGatewayLike;
// Every line every service logs, at debug: no secret may be among them.
const lines: string[] = [];
const sink = { write: (line: string) => void lines.push(line) };
beforeAll(async () => {
  graph = await startFullGraph({}, { log: createLogger('test', 'debug', sink) });
  second = await graph.startAnotherGateway();
  expect((await registerManifest(graph, 'acme', 'acme-app', PARTNER.manifest)).userErrors).toEqual([]);
  for (const org of ['acme', 'globex'] as const) {
    const { body } = await graph.query({ org, query: `mutation { createClient(input: { name: "${org} client" }) { userErrors { code } } }` });
    expect(body.data.createClient.userErrors).toEqual([]);
  }
});
afterAll(() => graph?.close());

async function createKey(org: 'acme' | 'globex', name: string, role = 'MEMBER'): Promise<{ id: string; secret: string }> {
  const { body } = await graph.query({
    org,
    query: 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } userErrors { code message } } }',
    variables: { input: { name, role, clientName: `${org}-app` } },
  });
  expect(body.data.createApiKey.userErrors).toEqual([]);
  return { id: body.data.createApiKey.apiKey.id, secret: body.data.createApiKey.secret };
}

async function persisted(url: string, headers: Record<string, string>, id: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: id } } }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function post(url: string, headers: Record<string, string>, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

const CLIENTS = 'query Clients { clients(first: 100) { edges { node { id name } } } }';
const PARTNER = manifestOf([
  CLIENTS,
  'mutation NewClient { createClient(input: { name: "Nope" }) { client { id } } }',
  'query OneClient($id: ID!) { client(id: $id) { id } }',
  'mutation Archive($id: ID!) { archiveClient(input: { id: $id }) { client { id } userErrors { code } } }',
  'subscription Stages { pursuitStageChanged { id } }',
]);
/** The acme app's operations, by id: what a key may run (the text is refused: persisted-operations.test). */
const run = (key: string, name: string, variables?: Record<string, unknown>) => runPersisted(graph.gatewayUrl, key, PARTNER.ids[name]!, variables);

describe('a partner app with an API key', () => {
  test('acts in its own organisation with its own role, by x-api-key or Authorization: Bearer', async () => {
    const key = await createKey('acme', 'Reader', 'VIEWER');
    const ways: Record<string, string>[] = [{ 'x-api-key': key.secret }, { authorization: `Bearer ${key.secret}` }];
    for (const headers of ways) {
      const read = await persisted(graph.gatewayUrl, headers, PARTNER.ids.Clients!);
      expect(read.status).toBe(200);
      expect(read.body.data.clients.edges.length).toBeGreaterThan(0);
    }
    // A VIEWER key cannot write.
    const write = await run(key.secret, 'NewClient');
    expect(write.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  test('an acme key never reads or changes globex data', async () => {
    const globexClients = await graph.query({ org: 'globex', query: CLIENTS });
    const globexIds = globexClients.body.data.clients.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(globexIds.length).toBeGreaterThan(0);
    const key = await createKey('acme', 'Writer', 'MEMBER');
    const acmeRead = await run(key.secret, 'Clients');
    const seen = acmeRead.body.data.clients.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((id: string) => globexIds.includes(id))).toEqual([]);
    const direct = await run(key.secret, 'OneClient', { id: globexIds[0] });
    expect(direct.body.data.client).toBeNull();
    const change = await run(key.secret, 'Archive', { id: globexIds[0] });
    expect(change.body.data.archiveClient).toEqual({ client: null, userErrors: [{ code: 'NOT_FOUND' }] });
  });

  test.each([
    ['a made-up key', { 'x-api-key': 'flk_not-a-key' }, /malformed API key/],
    ['a key with one character changed', null, /checksum/],
    ['something that is not a key', { 'x-api-key': 'hunter2' }, /starts with "flk_"/],
    ['a key and a token at once', 'both', /one credential/],
  ] as const)('%s is refused with 401 and a message saying why', async (_case, given, message) => {
    const key = await createKey('acme', `Refusal ${_case}`);
    const headers: Record<string, string> =
      given === null
        ? { 'x-api-key': key.secret.slice(0, 20) + (key.secret[20] === 'A' ? 'B' : 'A') + key.secret.slice(21) }
        : given === 'both'
          ? { 'x-api-key': key.secret, authorization: `Bearer ${await graph.token('acme')}` }
          : given;
    const { status, body } = await post(graph.gatewayUrl, headers, CLIENTS);
    expect(status).toBe(401);
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(body.errors[0].message).toMatch(message);
    expect(JSON.stringify(body)).not.toContain(key.secret.slice(4, 40));
  });
});

describe('a revoked key', () => {
  test('is refused within 5 s on each of two gateway processes, and its open socket closes with 4403', async () => {
    const key = await createKey('acme', 'To revoke');
    // Both gateways have the key's grant cached: only the revocation event can end it in time.
    for (const url of [graph.gatewayUrl, second.url]) expect((await runPersisted(url, key.secret, PARTNER.ids.Clients!)).status).toBe(200);
    const hub = graph.gateway!.hub!;
    const before = hub.size;
    const socket = subscribe({ url: graph.gatewayUrl, token: '', apiKey: key.secret, query: 'subscription Stages { pursuitStageChanged { id } }' });
    await untilSubscribed(hub, before + 1);
    const revokedAt = Date.now();
    const revoke = await graph.query({
      query: 'mutation($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { status } userErrors { code } } }',
      variables: { id: key.id },
    });
    expect(revoke.body.data.revokeApiKey).toEqual({ apiKey: { status: 'REVOKED' }, userErrors: [] });
    const refusedOn = async (url: string) => {
      while (Date.now() - revokedAt < 5000) {
        if ((await runPersisted(url, key.secret, PARTNER.ids.Clients!)).status === 401) return Date.now() - revokedAt;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return null;
    };
    const [first, other, closed] = await Promise.all([
      refusedOn(graph.gatewayUrl),
      refusedOn(second.url),
      Promise.race([socket.closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), 5000))]),
    ]);
    expect(first).not.toBeNull();
    expect(other).not.toBeNull();
    expect(closed?.code).toBe(4403);
  });
});

describe('secrets', () => {
  test('no log line of any service holds a key secret, after keys were created, used, mistyped and revoked', async () => {
    const key = await createKey('acme', 'Logged?');
    await run(key.secret, 'Clients');
    await post(graph.gatewayUrl, { 'x-api-key': `${key.secret}x` }, CLIENTS);
    await post(graph.gatewayUrl, { authorization: `Bearer ${key.secret}` }, '{ broken');
    expect(lines.length).toBeGreaterThan(20);
    // The random part: the prefix (flk_ + 8) is meant to be shown, the rest never.
    expect(lines.filter((line) => line.includes(key.secret.slice(12, 40)))).toEqual([]);
  });
});
