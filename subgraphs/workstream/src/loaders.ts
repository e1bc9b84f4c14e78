import type { EntityManager } from '@mikro-orm/postgresql';
import { byIdLoader, countStatements, groupLoader, loadEventRows, plainRows } from '@flowledger/shared';
import type { OrgContext, ReadDB } from '@flowledger/shared';

import type { Candidate, ChecklistItem, Proposal, Pursuit, Signal, SlaClock, StageChange } from './entities/index.ts';

export type WorkstreamDB = ReadDB<
  typeof Candidate | typeof ChecklistItem | typeof Proposal | typeof Pursuit | typeof Signal | typeof SlaClock | typeof StageChange
>;

/** The request's typed reader on plain rows (see READ_NAMING): bound to its transaction. */
export const workstreamReads = (em: EntityManager) =>
  em.getKysely<WorkstreamDB>().withPlugin(plainRows(em)).withSchema('workstream').withPlugin(countStatements('workstream'));

/** One statement per entity type and per child list, whatever the page size; plain rows. */
export function createLoaders(em: EntityManager, org: OrgContext) {
  const db = workstreamReads(em);
  const { orgId } = org;
  const keys = (ids: readonly string[]) => [...ids];
  return {
    event: byIdLoader((ids) => loadEventRows(em, 'workstream', orgId, ids)),
    candidate: byIdLoader((ids) => db.selectFrom('Candidate').selectAll().where('orgId', '=', orgId).where('id', 'in', keys(ids)).execute()),
    signal: byIdLoader((ids) => db.selectFrom('Signal').selectAll().where('orgId', '=', orgId).where('id', 'in', keys(ids)).execute()),
    pursuit: byIdLoader((ids) => db.selectFrom('Pursuit').selectAll().where('orgId', '=', orgId).where('id', 'in', keys(ids)).execute()),
    proposal: byIdLoader((ids) => db.selectFrom('Proposal').selectAll().where('orgId', '=', orgId).where('id', 'in', keys(ids)).execute()),
    signalsByCandidate: groupLoader(
      (ids) => db.selectFrom('Signal').selectAll().where('orgId', '=', orgId).where('candidateId', 'in', keys(ids)).orderBy('id').execute(),
      (s) => s.candidateId,
    ),
    pursuitsByCandidate: groupLoader(
      (ids) => db.selectFrom('Pursuit').selectAll().where('orgId', '=', orgId).where('candidateId', 'in', keys(ids)).execute(),
      (p) => p.candidateId,
    ),
    pursuitsByClient: groupLoader(
      (ids) => db.selectFrom('Pursuit').selectAll().where('orgId', '=', orgId).where('clientId', 'in', keys(ids)).orderBy('id', 'desc').execute(),
      (p) => p.clientId!,
    ),
    stageHistory: groupLoader(
      (ids) => db.selectFrom('StageChange').selectAll().where('orgId', '=', orgId).where('pursuitId', 'in', keys(ids)).orderBy('at').orderBy('id').execute(),
      (c) => c.pursuitId,
    ),
    checklist: groupLoader(
      (ids) =>
        db
          .selectFrom('ChecklistItem')
          .selectAll()
          .where('orgId', '=', orgId)
          .where('pursuitId', 'in', keys(ids))
          .orderBy('stage')
          .orderBy('position')
          .execute(),
      (i) => i.pursuitId,
    ),
    proposals: groupLoader(
      (ids) => db.selectFrom('Proposal').selectAll().where('orgId', '=', orgId).where('pursuitId', 'in', keys(ids)).orderBy('version').execute(),
      (p) => p.pursuitId,
    ),
    clocks: groupLoader(
      (ids) => db.selectFrom('SlaClock').selectAll().where('orgId', '=', orgId).where('subjectId', 'in', keys(ids)).execute(),
      (c) => c.subjectId,
    ),
  };
}

export type WorkstreamLoaders = ReturnType<typeof createLoaders>;
