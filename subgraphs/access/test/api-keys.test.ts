import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { DEMO, accessSubgraph, demoUser, seedAccess } from '@flowledger/access';
import { countedQueries, parseApiKey, signContext } from '@flowledger/shared';
import type { OrgContext, Role } from '@flowledger/shared';
import { TEST_SECRETS, startSubgraphUnderTest } from '@flowledger/shared/testkit';
import type { SubgraphUnderTest } from '@flowledger/shared/testkit';

let access: SubgraphUnderTest;
beforeAll(async () => {
  access = await startSubgraphUnderTest(accessSubgraph, { seed: seedAccess });
});
afterAll(() => access?.close());

const as = (org: 'acme' | 'globex', role: Role = 'ADMIN'): OrgContext => ({
  orgId: DEMO[org].id,
  actor: { type: 'user', id: demoUser(org, role === 'ADMIN' || org === 'acme' ? role : 'ADMIN')!.id },
  roles: [role],
  requestId: 'api-key-test',
});

const CREATE = `mutation($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { secret apiKey { id name prefix role clientName status expiresAt lastUsedAt createdBy { id } } userErrors { field code message } }
}`;
const LIST = '{ apiKeys(first: 50) { totalCount edges { node { id name prefix clientName status } } } }';

async function createKey(context: OrgContext, input: Record<string, unknown>) {
  const { body } = await access.query({ context, query: CREATE, variables: { input: { role: 'MEMBER', clientName: 'acme-erp', ...input } } });
  return body.data?.createApiKey ?? body;
}

async function lookUp(payload: unknown): Promise<{ status: number; body: any }> {
  const body = JSON.stringify(payload);
  const headers = signContext({ secret: TEST_SECRETS.signingSecret, subgraph: 'access', context: null, body });
  const response = await fetch(new URL('/internal/api-key', access.url), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: response.status, body: await response.json() };
}

describe('an ADMIN creates an API key', () => {
  test('and sees its secret once: flk_, checksummed, naming its own key and organisation; the list shows only the prefix', async () => {
    const created = await createKey(as('acme'), { name: 'ERP sync' });
    expect(created.userErrors).toEqual([]);
    expect(created.secret).toMatch(/^flk_[A-Za-z0-9_-]{91}$/);
    const parsed = parseApiKey(created.secret);
    expect(parsed).toMatchObject({ ok: true, keyId: created.apiKey.id, orgId: DEMO.acme.id });
    expect(created.apiKey).toMatchObject({ name: 'ERP sync', role: 'MEMBER', clientName: 'acme-erp', status: 'ACTIVE', lastUsedAt: null });
    expect(created.apiKey.prefix).toBe(created.secret.slice(0, 12));
    expect(created.apiKey.createdBy).toEqual({ id: demoUser('acme', 'ADMIN')!.id });
    // Default lifetime: 90 days.
    expect(Math.round((Date.parse(created.apiKey.expiresAt) - Date.now()) / 86_400_000)).toBe(90);
    const { body } = await access.query({ context: as('acme'), query: LIST });
    const listed = body.data.apiKeys.edges.map((e: { node: unknown }) => e.node);
    expect(listed).toContainEqual({ id: created.apiKey.id, name: 'ERP sync', prefix: created.apiKey.prefix, clientName: 'acme-erp', status: 'ACTIVE' });
    expect(JSON.stringify(body)).not.toContain(created.secret.slice(12));
  });

  test('the database holds a hash of the secret and never the secret', async () => {
    const created = await createKey(as('acme'), { name: 'Never stored' });
    const owner = new pg.Client({ connectionString: access.graph.db.ownerUrl });
    await owner.connect();
    try {
      const rows = (await owner.query('select to_jsonb(k)::text as row from access.api_key k')).rows.map((r: { row: string }) => r.row);
      const outbox = (await owner.query('select to_jsonb(o)::text as row from access.outbox_event o')).rows.map((r: { row: string }) => r.row);
      for (const row of [...rows, ...outbox]) expect(row).not.toContain(created.secret.slice(4));
      const key = parseApiKey(created.secret);
      expect(key.ok && rows.some((row: string) => row.includes(key.hash))).toBe(true);
    } finally {
      await owner.end();
    }
  });

  test.each([
    ['an empty name', { name: '  ' }, ['input', 'name']],
    ['a client name with capitals and spaces', { name: 'x1', clientName: 'Acme ERP' }, ['input', 'clientName']],
    ['an expiry in the past', { name: 'x2', expiresAt: '2020-01-01T00:00:00Z' }, ['input', 'expiresAt']],
    ['an expiry two years ahead', { name: 'x3', expiresAt: new Date(Date.now() + 730 * 86_400_000).toISOString() }, ['input', 'expiresAt']],
  ])('%s is refused as invalid input naming the field', async (_case, input, field) => {
    const created = await createKey(as('acme'), input);
    expect(created.secret).toBeNull();
    expect(created.userErrors).toEqual([expect.objectContaining({ field, code: 'INVALID_INPUT' })]);
  });

  test('a name is unique in the organisation, also for six at once; another organisation may use it', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => createKey(as('acme'), { name: 'Raced' })));
    expect(answers.filter((a) => a.secret).length).toBe(1);
    expect(answers.filter((a) => a.userErrors?.[0]?.code === 'NAME_TAKEN').length).toBe(5);
    expect((await createKey(as('globex'), { name: 'Raced', clientName: 'globex-app' })).userErrors).toEqual([]);
  });
});

describe('who may manage keys', () => {
  test.each(['MEMBER', 'VIEWER'] as const)('a %s may not create, list or revoke keys (FORBIDDEN)', async (role) => {
    for (const query of [CREATE, LIST, 'mutation { revokeApiKey(input: { id: "01938000-0000-7000-8000-000000000001" }) { userErrors { code } } }']) {
      const { body } = await access.query({ context: as('acme', role), query, variables: { input: { name: 'no', role: 'VIEWER', clientName: 'x' } } });
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  test('an API key, even an ADMIN one, may not manage keys', async () => {
    const created = await createKey(as('acme'), { name: 'Admin key', role: 'ADMIN' });
    const asKey: OrgContext = { orgId: DEMO.acme.id, actor: { type: 'apiKey', id: created.apiKey.id }, roles: ['ADMIN'], requestId: 'k' };
    const { body } = await access.query({ context: asKey, query: LIST });
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('across organisations', () => {
  test("apiKeys lists only the caller's organisation's keys, and another organisation's key cannot be revoked", async () => {
    const globexKey = await createKey(as('globex'), { name: 'Globex only', clientName: 'globex-app' });
    const { body } = await access.query({ context: as('acme'), query: LIST });
    const names = body.data.apiKeys.edges.map((e: { node: { name: string } }) => e.node.name);
    expect(names).not.toContain('Globex only');
    const revoke = await access.query({
      context: as('acme'),
      query: 'mutation($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { id } userErrors { code } } }',
      variables: { id: globexKey.apiKey.id },
    });
    expect(revoke.body.data.revokeApiKey).toEqual({ apiKey: null, userErrors: [{ code: 'NOT_FOUND' }] });
  });
});

describe("another organisation's keys and operations", () => {
  test('are null as entity references, and persistedOperations lists only the caller organisation’s', async () => {
    const key = await createKey(as('acme'), { name: 'Referenced' });
    const manifest = JSON.stringify({
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [
        { id: createHash('sha256').update('query Mine { me { role } }').digest('hex'), name: 'Mine', type: 'query', body: 'query Mine { me { role } }' },
      ],
    });
    const registered = await access.query({
      context: as('acme'),
      query: 'mutation($input: RegisterPersistedOperationsInput!) { registerPersistedOperations(input: $input) { operations { id } userErrors { code } } }',
      variables: { input: { clientName: 'acme-erp', manifest } },
    });
    const operationId = registered.body.data.registerPersistedOperations.operations[0].id;
    const refs = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on ApiKey { id } ... on PersistedOperation { id } } }';
    const variables = {
      r: [
        { __typename: 'ApiKey', id: key.apiKey.id },
        { __typename: 'PersistedOperation', id: operationId },
      ],
    };
    expect((await access.query({ context: as('globex'), query: refs, variables })).body.data._entities).toEqual([null, null]);
    expect((await access.query({ context: as('acme'), query: refs, variables })).body.data._entities).toEqual([{ id: key.apiKey.id }, { id: operationId }]);
    const list = '{ persistedOperations(clientName: "acme-erp", first: 50) { totalCount edges { node { id } } } }';
    expect((await access.query({ context: as('globex'), query: list })).body.data.persistedOperations).toEqual({ totalCount: 0, edges: [] });
    expect((await access.query({ context: as('acme'), query: list })).body.data.persistedOperations.totalCount).toBe(1);
  });
});

describe('the key and operation lists', () => {
  test('cost the same SQL for a page of 2 keys and of 40', async () => {
    for (let i = 0; i < 40; i++) await createKey(as('acme'), { name: `Paged ${i}` });
    const page = 'query($first: Int) { apiKeys(first: $first) { totalCount edges { node { id name status createdBy { id } rateLimit { restoreRate } } } } }';
    const statements = async (first: number) => {
      const before = countedQueries('access');
      const { body } = await access.query({ context: as('acme'), query: page, variables: { first } });
      expect(body.data.apiKeys.edges).toHaveLength(first);
      return countedQueries('access') - before;
    };
    expect(await statements(40)).toBe(await statements(2));
    const operations = 'query($first: Int) { persistedOperations(clientName: "acme-erp", first: $first) { edges { node { id name type } } } }';
    const before = countedQueries('access');
    await access.query({ context: as('acme'), query: operations, variables: { first: 1 } });
    const one = countedQueries('access') - before;
    const again = countedQueries('access');
    await access.query({ context: as('acme'), query: operations, variables: { first: 100 } });
    expect(countedQueries('access') - again).toBe(one);
  });
});

describe('the gateway asks whether a key opens the graph', () => {
  test('the right secret gets its grant and marks it used; a wrong secret, a forged organisation or a revoked key get null', async () => {
    const created = await createKey(as('acme'), { name: 'Lookup', role: 'VIEWER' });
    const key = parseApiKey(created.secret);
    if (!key.ok) throw new Error(key.reason);
    const grant = await lookUp({ orgId: key.orgId, keyId: key.keyId, hash: key.hash });
    expect(grant.body).toEqual({
      key: { keyId: key.keyId, orgId: DEMO.acme.id, role: 'VIEWER', clientName: 'acme-erp', expiresAt: created.apiKey.expiresAt, rateLimit: null },
    });
    expect((await lookUp({ orgId: key.orgId, keyId: key.keyId, hash: 'a'.repeat(64) })).body).toEqual({ key: null });
    expect((await lookUp({ orgId: DEMO.globex.id, keyId: key.keyId, hash: key.hash })).body).toEqual({ key: null });
    expect((await lookUp({ nonsense: true })).body).toEqual({ key: null });
    const { body } = await access.query({ context: as('acme'), query: '{ apiKeys(first: 50) { edges { node { id lastUsedAt } } } }' });
    expect(body.data.apiKeys.edges.find((e: { node: { id: string } }) => e.node.id === key.keyId).node.lastUsedAt).not.toBeNull();
    const revoke = 'mutation($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { status revokedAt } userErrors { code } } }';
    const first = await access.query({ context: as('acme'), query: revoke, variables: { id: key.keyId } });
    expect(first.body.data.revokeApiKey.apiKey.status).toBe('REVOKED');
    // Idempotent: the second revocation changes nothing.
    const again = await access.query({ context: as('acme'), query: revoke, variables: { id: key.keyId } });
    expect(again.body.data.revokeApiKey.apiKey.revokedAt).toBe(first.body.data.revokeApiKey.apiKey.revokedAt);
    expect((await lookUp({ orgId: key.orgId, keyId: key.keyId, hash: key.hash })).body).toEqual({ key: null });
    const events = new pg.Client({ connectionString: access.graph.db.ownerUrl });
    await events.connect();
    try {
      const { rows } = await events.query(`select type, aggregate_id from access.outbox_event where aggregate_id = $1`, [key.keyId]);
      expect(rows).toEqual([{ type: 'ApiKeyRevoked', aggregate_id: key.keyId }]);
    } finally {
      await events.end();
    }
  });
});
