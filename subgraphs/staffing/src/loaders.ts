import type { EntityManager } from '@mikro-orm/postgresql';
import { byIdLoader, countStatements, groupLoader, loadEventRows, plainRows } from '@flowledger/shared';
import type { OrgContext, ReadDB } from '@flowledger/shared';
import type { Assignment, RateCard, RateCardVersion, RoleRate, Skill, StaffMember, StaffSkill, TimeOff } from './entities/index.ts';

export type StaffingDB = ReadDB<
  typeof Assignment | typeof RateCard | typeof RateCardVersion | typeof RoleRate | typeof Skill | typeof StaffMember | typeof StaffSkill | typeof TimeOff
>;

/** The request's typed reader on plain rows (see READ_NAMING): bound to its transaction. */
export const staffingReads = (em: EntityManager) =>
  em.getKysely<StaffingDB>().withPlugin(plainRows(em)).withSchema('staffing').withPlugin(countStatements('staffing'));

/** One statement per entity type and per child list, whatever the page size; plain rows. */
export function createLoaders(em: EntityManager, org: OrgContext) {
  const db = staffingReads(em);
  const { orgId } = org;
  const keys = (ids: readonly string[]) => [...ids];
  return {
    event: byIdLoader((ids) => loadEventRows(em, 'staffing', orgId, ids)),
    staffMember: byIdLoader((ids) => db.selectFrom('StaffMember').selectAll().where('orgId', '=', orgId).where('id', 'in', keys(ids)).execute()),
    skill: byIdLoader((ids) => db.selectFrom('Skill').selectAll().where('orgId', '=', orgId).where('id', 'in', keys(ids)).execute()),
    rateCard: byIdLoader((ids) => db.selectFrom('RateCard').selectAll().where('orgId', '=', orgId).where('id', 'in', keys(ids)).execute()),
    assignment: byIdLoader((ids) => db.selectFrom('Assignment').selectAll().where('orgId', '=', orgId).where('id', 'in', keys(ids)).execute()),
    skillsByStaff: groupLoader(
      (ids) =>
        db
          .selectFrom('StaffSkill')
          .selectAll()
          .where('orgId', '=', orgId)
          .where('staffId', 'in', keys(ids))
          .orderBy('level', 'desc')
          .orderBy('skillId')
          .execute(),
      (s) => s.staffId,
    ),
    timeOffByStaff: groupLoader(
      (ids) => db.selectFrom('TimeOff').selectAll().where('orgId', '=', orgId).where('staffId', 'in', keys(ids)).orderBy('startDate').orderBy('id').execute(),
      (t) => t.staffId,
    ),
    assignmentsByStaff: groupLoader(
      (ids) =>
        db.selectFrom('Assignment').selectAll().where('orgId', '=', orgId).where('staffId', 'in', keys(ids)).orderBy('startDate').orderBy('id').execute(),
      (a) => a.staffId,
    ),
    assignmentsByPursuit: groupLoader(
      (ids) =>
        db.selectFrom('Assignment').selectAll().where('orgId', '=', orgId).where('pursuitId', 'in', keys(ids)).orderBy('startDate').orderBy('id').execute(),
      (a) => a.pursuitId!,
    ),
    assignmentsByEngagement: groupLoader(
      (ids) =>
        db.selectFrom('Assignment').selectAll().where('orgId', '=', orgId).where('engagementId', 'in', keys(ids)).orderBy('startDate').orderBy('id').execute(),
      (a) => a.engagementId!,
    ),
    versionsByCard: groupLoader(
      (ids) =>
        db
          .selectFrom('RateCardVersion')
          .selectAll()
          .where('orgId', '=', orgId)
          .where('rateCardId', 'in', keys(ids))
          .orderBy('effectiveFrom', 'desc')
          .orderBy('version', 'desc')
          .execute(),
      (v) => v.rateCardId,
    ),
    ratesByVersion: groupLoader(
      (ids) => db.selectFrom('RoleRate').selectAll().where('orgId', '=', orgId).where('versionId', 'in', keys(ids)).orderBy('role').execute(),
      (r) => r.versionId,
    ),
  };
}

export type StaffingLoaders = ReturnType<typeof createLoaders>;
