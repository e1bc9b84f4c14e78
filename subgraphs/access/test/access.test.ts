import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import pg from 'pg';
import { DEMO, accessSubgraph, demoUser, seedAccess } from '@flowledger/access';
import { startSubgraphUnderTest } from '@flowledger/shared/testkit';
import type { SubgraphUnderTest } from '@flowledger/shared/testkit';
import type { OrgContext } from '@flowledger/shared';

let access: SubgraphUnderTest;
beforeAll(async () => {
  access = await startSubgraphUnderTest(accessSubgraph, { seed: seedAccess });
});
afterAll(() => access?.close());

const asGlobex: OrgContext = { orgId: DEMO.globex.id, actor: { type: 'user', id: DEMO.globex.users[0]!.id }, roles: ['ADMIN'], requestId: 'access-test' };

describe('me', () => {
  test.each([
    ['acme', 'ADMIN', 'Ada Admin'],
    ['acme', 'MEMBER', 'Max Member'],
    ['acme', 'VIEWER', 'Vic Viewer'],
    ['globex', 'ADMIN', 'Gus Globex'],
  ] as const)('%s %s', async (org, role, name) => {
    const context: OrgContext = { orgId: DEMO[org].id, actor: { type: 'user', id: demoUser(org, role)!.id }, roles: [role], requestId: 'access-test' };
    const { body } = await access.query({ context, query: '{ me { role user { id name email } organization { id slug name baseCurrency } } }' });
    expect(body.data.me).toMatchObject({
      role,
      user: { name },
      organization: { id: DEMO[org].id, slug: org, name: DEMO[org].name, baseCurrency: DEMO[org].baseCurrency },
    });
  });
});

describe("another organisation's organisation and users", () => {
  test('entity references to them resolve to null', async () => {
    const { body } = await access.query({
      context: asGlobex,
      query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { id name } ... on User { id email } } }',
      variables: {
        r: [
          { __typename: 'Organization', id: DEMO.acme.id },
          { __typename: 'User', id: DEMO.acme.users[0]!.id },
          { __typename: 'Organization', id: DEMO.globex.id },
          { __typename: 'User', id: DEMO.globex.users[0]!.id },
        ],
      },
    });
    expect(body.data._entities).toEqual([
      null,
      null,
      { id: DEMO.globex.id, name: DEMO.globex.name },
      { id: DEMO.globex.users[0]!.id, email: DEMO.globex.users[0]!.email },
    ]);
  });

  test("memberships are under row-level security: the application role sees only the session's organisation", async () => {
    const client = new pg.Client({ connectionString: access.graph.db.appUrl });
    await client.connect();
    try {
      expect((await client.query('select count(*)::int as n from access.membership')).rows[0].n).toBe(0);
      await client.query('begin');
      await client.query(`select set_config('app.org_id', $1, true)`, [DEMO.globex.id]);
      const { rows } = await client.query('select user_id from access.membership');
      expect(rows).toEqual([{ user_id: DEMO.globex.users[0]!.id }]);
      await client.query('rollback');
    } finally {
      await client.end();
    }
  });
});
