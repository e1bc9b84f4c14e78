import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { crmSubgraph } from '@flowledger/crm';
import { createOrm, inOrgScope, onUniqueViolation, uuidv7 } from '@flowledger/shared';
import type { Orm } from '@flowledger/shared';
import { Client } from '../src/entities/index.ts';
import { TEST_ORGS, createTestDatabase } from '@flowledger/shared/testkit';
import type { TestDatabase } from '@flowledger/shared/testkit';

let db: TestDatabase;
let orm: Orm;
beforeAll(async () => {
  db = await createTestDatabase();
  orm = await createOrm({ name: 'crm-unique', url: db.appUrl, schema: 'crm', entities: crmSubgraph.entities, poolMax: 2 });
});
afterAll(async () => {
  await orm?.close(true);
  await db?.drop();
});

const orgId = TEST_ORGS.acme.id;

describe('a unique violation that slips past every check', () => {
  test("becomes the use case's answer, and the request's transaction goes on", async () => {
    const outcome = await inOrgScope(orm, orgId, async (em) => {
      em.create(Client, { id: uuidv7(), orgId, name: 'First', domain: 'taken.example', tags: [] });
      await em.flush();
      const answer = await onUniqueViolation(em, { client_org_domain_uq: (constraint) => `refused by ${constraint}` }, async (tx) => {
        tx.create(Client, { id: uuidv7(), orgId, name: 'Second', domain: 'taken.example', tags: [] });
        await tx.flush();
        return 'created';
      });
      // Rolled back to the savepoint only: the first client is still there, and SQL still runs.
      return { answer, clients: await em.count(Client, { domain: 'taken.example' }) };
    });
    expect(outcome).toEqual({ answer: 'refused by client_org_domain_uq', clients: 1 });
    expect(await inOrgScope(orm, orgId, (em) => em.count(Client, { domain: 'taken.example' }))).toBe(1);
  });

  test('a violation of a constraint the use case did not name is not swallowed', async () => {
    await expect(
      inOrgScope(orm, orgId, async (em) =>
        onUniqueViolation(em, { some_other_uq: () => 'no' }, async (tx) => {
          tx.create(Client, { id: uuidv7(), orgId, name: 'Third', domain: 'taken.example', tags: [] });
          await tx.flush();
          return 'created';
        }),
      ),
    ).rejects.toMatchObject({ code: '23505', constraint: 'client_org_domain_uq' });
  });
});
