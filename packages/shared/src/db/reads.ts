import type { EntitySchemaWithMeta } from '@mikro-orm/core';
import type { EntityManager, InferKyselyDB } from '@mikro-orm/postgresql';
import type { KyselyPlugin } from 'kysely';
import { PlainRowsPlugin } from './plain-rows.ts';

/**
 * How every subgraph reads plain rows: `em.getKysely<ReadDB<…>>().withPlugin(plainRows(em))` on
 * the request's EntityManager. Bound to the request's transaction (so `app.org_id` is set and row-level security
 * applies), with entity and property names, values converted as the entities declare them, rows
 * shaped like the entities — without hydration, identity map or change tracking, which were half of
 * a read's CPU. Each read also says `where('orgId', '=', orgId)`: the second wall beside RLS, as the
 * ORM's tenant filter is for entity reads. Outside the request's transaction no organisation is set
 * and every tenant table reads empty (fails closed; a test shows it).
 */
export const READ_NAMING = { tableNamingStrategy: 'entity', columnNamingStrategy: 'property', convertValues: true } as const;

/** The typed database of a subgraph's entities, as READ_NAMING names it. */
export type ReadDB<E extends EntitySchemaWithMeta> = InferKyselyDB<E, typeof READ_NAMING>;

/**
 * MikroORM's naming on a reader, with a fast row mapper: `em.getKysely<DB>().withPlugin(plainRows(em))`.
 * (A plain `em.getKysely()` would hand back column names; the ReadDB types name properties.)
 */
export function plainRows(em: EntityManager): KyselyPlugin {
  return new PlainRowsPlugin(em, READ_NAMING);
}
