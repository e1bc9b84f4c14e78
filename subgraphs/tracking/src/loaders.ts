import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { byIdLoader, countStatements, groupLoader, loadEventRows, plainRows } from '@flowledger/shared';
import type { OrgContext, ReadDB } from '@flowledger/shared';
import type { TrackedLink, TrackedMessage, TrackingHit } from './entities/index.ts';
import { engagementStatsFor } from './resolvers/stats.ts';
import type { StatsKey, StatsValue } from './resolvers/stats.ts';

export type TrackingDB = ReadDB<typeof TrackedMessage | typeof TrackedLink | typeof TrackingHit>;

/** The request's typed reader on plain rows (see READ_NAMING): bound to its transaction. */
export const trackingReads = (em: EntityManager) =>
  em.getKysely<TrackingDB>().withPlugin(plainRows(em)).withSchema('tracking').withPlugin(countStatements('tracking'));

/** One statement per entity type, child list and kind of stats, whatever the page size; plain rows. */
export function createLoaders(em: EntityManager, org: OrgContext) {
  const db = trackingReads(em);
  const { orgId } = org;
  const keys = (ids: readonly string[]) => [...ids];
  return {
    event: byIdLoader((ids) => loadEventRows(em, 'tracking', orgId, ids)),
    message: byIdLoader((ids) => db.selectFrom('TrackedMessage').selectAll().where('orgId', '=', orgId).where('id', 'in', keys(ids)).execute()),
    linksByMessage: groupLoader(
      (ids) => db.selectFrom('TrackedLink').selectAll().where('orgId', '=', orgId).where('messageId', 'in', keys(ids)).orderBy('position').execute(),
      (l) => l.messageId,
    ),
    /** Stats by what they are about (a message, contact, pursuit or proposal) and whether bots count: one statement per batch. */
    stats: new DataLoader<StatsKey, StatsValue, string>((wanted) => engagementStatsFor(db, orgId, wanted), {
      cacheKeyFn: (k) => `${k.by}:${k.id}:${k.includeBots}`,
    }),
  };
}

export type TrackingLoaders = ReturnType<typeof createLoaders>;
