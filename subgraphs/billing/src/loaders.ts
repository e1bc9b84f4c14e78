import type { EntityManager } from '@mikro-orm/postgresql';
import { byIdLoader, countStatements, groupLoader, plainRows } from '@flowledger/shared';
import type { OrgContext, ReadDB } from '@flowledger/shared';
import type { Engagement, KnownAssignment, Milestone, TimeEntry } from './entities/index.ts';

export type BillingDB = ReadDB<typeof Engagement | typeof Milestone | typeof TimeEntry | typeof KnownAssignment>;

/** The request's typed reader on plain rows (see READ_NAMING): bound to its transaction. */
export const billingReads = (em: EntityManager) =>
  em.getKysely<BillingDB>().withPlugin(plainRows(em)).withSchema('billing').withPlugin(countStatements('billing'));

/** One statement per entity type and per child list, whatever the page size; plain rows. */
export function createLoaders(em: EntityManager, org: OrgContext) {
  const db = billingReads(em);
  const { orgId } = org;
  const keys = (ids: readonly string[]) => [...ids];
  return {
    engagement: byIdLoader((ids) => db.selectFrom('Engagement').selectAll().where('orgId', '=', orgId).where('id', 'in', keys(ids)).execute()),
    timeEntry: byIdLoader((ids) => db.selectFrom('TimeEntry').selectAll().where('orgId', '=', orgId).where('id', 'in', keys(ids)).execute()),
    engagementByPursuit: byIdLoader(async (ids) =>
      (await db.selectFrom('Engagement').selectAll().where('orgId', '=', orgId).where('pursuitId', 'in', keys(ids)).execute()).map((e) => ({
        ...e,
        engagement: e,
        id: e.pursuitId!,
      })),
    ),
    milestonesByEngagement: groupLoader(
      (ids) =>
        db.selectFrom('Milestone').selectAll().where('orgId', '=', orgId).where('engagementId', 'in', keys(ids)).orderBy('dueDate').orderBy('id').execute(),
      (m) => m.engagementId,
    ),
    timeByEngagement: groupLoader(
      (ids) =>
        db
          .selectFrom('TimeEntry')
          .selectAll()
          .where('orgId', '=', orgId)
          .where('engagementId', 'in', keys(ids))
          .orderBy('entryDate', 'desc')
          .orderBy('id')
          .execute(),
      (t) => t.engagementId,
    ),
    /** The read model's assignments of these people, for the rate a draft would bill at. */
    assignmentsByStaff: groupLoader(
      (ids) => db.selectFrom('KnownAssignment').selectAll().where('orgId', '=', orgId).where('staffId', 'in', keys(ids)).execute(),
      (a) => a.staffId,
    ),
  };
}

export type BillingLoaders = ReturnType<typeof createLoaders>;
