import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO } from '@flowledger/access';
import { createOrm, inOrgScope, plainRows, READ_NAMING } from '@flowledger/shared';
import type { Orm } from '@flowledger/shared';
import type { Kysely } from 'kysely';
import { createTestDatabase } from '@flowledger/shared/testkit';
import type { TestDatabase } from '@flowledger/shared/testkit';
import { seedDemo } from '../src/prepare-database.ts';
import { loadSubgraphs } from '../src/subgraphs.ts';

// The fast row mapper must hand every subgraph's reads exactly what MikroORM's own transform would:
// same property names, same values, same types (dates, booleans, custom types), on the demo data.
// Any table, any column: the comparison walks every entity by name.
type AnyDB = Record<string, Record<string, unknown>>;
let db: TestDatabase;
const orms: Record<string, Orm> = {};

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemo(db.appUrl, db.systemUrl);
  for (const { definition } of await loadSubgraphs()) {
    orms[definition.name] = await createOrm({
      name: `rows:${definition.name}`,
      url: db.appUrl,
      schema: definition.dbSchema,
      entities: definition.entities,
      poolMax: 2,
    });
  }
}, 120_000);

afterAll(async () => {
  for (const orm of Object.values(orms)) await orm.close(true);
  await db?.drop();
});

describe('reads on plain rows', () => {
  it('give every entity of every subgraph the rows MikroORM would give, for both organisations', async () => {
    let compared = 0;
    for (const { definition } of await loadSubgraphs()) {
      const orm = orms[definition.name]!;
      for (const meta of orm.getMetadata()) {
        if (meta.embeddable || meta.virtual) continue;
        for (const orgId of [DEMO.acme.id, DEMO.globex.id]) {
          await inOrgScope(orm, orgId, async (em) => {
            const theirs = await em.getKysely<AnyDB>(READ_NAMING).withSchema(definition.dbSchema).selectFrom(meta.className).selectAll().execute();
            const ours = await em.getKysely<AnyDB>().withPlugin(plainRows(em)).withSchema(definition.dbSchema).selectFrom(meta.className).selectAll().execute();
            expect({ entity: meta.className, rows: ours }).toEqual({ entity: meta.className, rows: theirs });
            compared += ours.length;
          });
        }
      }
    }
    // Not a comparison of empty tables: the demo seed fills every subgraph.
    expect(compared).toBeGreaterThan(50);
  });

  it('map the columns of a join to the properties of both entities, as MikroORM does', async () => {
    const orm = orms.crm!;
    await inOrgScope(orm, DEMO.acme.id, async (em) => {
      const query = (k: Kysely<AnyDB>) =>
        k
          .withSchema('crm')
          .selectFrom('Position as p')
          .innerJoin('Contact as c', 'c.id', 'p.contactId')
          .selectAll('p')
          .select(['c.email', 'c.createdAt as contactSince'])
          .execute();
      const theirs = await query(em.getKysely<AnyDB>(READ_NAMING));
      const ours = await query(em.getKysely<AnyDB>().withPlugin(plainRows(em)));
      expect(ours.length).toBeGreaterThan(0);
      expect(ours).toEqual(theirs);
    });
  });
});
