import type { EntityManager } from '@mikro-orm/postgresql';
import { byIdLoader, groupLoader } from '@flowledger/shared';
import type { OrgContext } from '@flowledger/shared';
import { loadEventRows } from './resolvers/events.ts';
import { Candidate, ChecklistItem, Proposal, Pursuit, Signal, SlaClock, StageChange } from './entities/index.ts';

const ids = (keys: readonly string[]) => ({ $in: [...keys] });

/** One statement per entity type and per child list, whatever the page size. */
export function createLoaders(em: EntityManager, org: OrgContext) {
  return {
    event: byIdLoader((keys) => loadEventRows(em, org.orgId, keys)),
    candidate: byIdLoader((keys) => em.find(Candidate, { id: ids(keys) })),
    signal: byIdLoader((keys) => em.find(Signal, { id: ids(keys) })),
    pursuit: byIdLoader((keys) => em.find(Pursuit, { id: ids(keys) })),
    proposal: byIdLoader((keys) => em.find(Proposal, { id: ids(keys) })),
    signalsByCandidate: groupLoader(
      (keys) => em.find(Signal, { candidateId: ids(keys) }, { orderBy: { id: 'asc' } }),
      (s) => s.candidateId,
    ),
    pursuitsByCandidate: groupLoader(
      (keys) => em.find(Pursuit, { candidateId: ids(keys) }),
      (p) => p.candidateId,
    ),
    pursuitsByClient: groupLoader(
      (keys) => em.find(Pursuit, { clientId: ids(keys) }, { orderBy: { id: 'desc' } }),
      (p) => p.clientId!,
    ),
    stageHistory: groupLoader(
      (keys) => em.find(StageChange, { pursuitId: ids(keys) }, { orderBy: { at: 'asc', id: 'asc' } }),
      (c) => c.pursuitId,
    ),
    checklist: groupLoader(
      (keys) => em.find(ChecklistItem, { pursuitId: ids(keys) }, { orderBy: { stage: 'asc', position: 'asc' } }),
      (i) => i.pursuitId,
    ),
    proposals: groupLoader(
      (keys) => em.find(Proposal, { pursuitId: ids(keys) }, { orderBy: { version: 'asc' } }),
      (p) => p.pursuitId,
    ),
    clocks: groupLoader(
      (keys) => em.find(SlaClock, { subjectId: ids(keys) }),
      (c) => c.subjectId,
    ),
  };
}

export type WorkstreamLoaders = ReturnType<typeof createLoaders>;
