import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import type { SubgraphDefinition } from '@flowledger/shared';
import { entities } from './entities/index.ts';
import { USER_ERROR_CODES } from './errors.ts';
import { createLoaders } from './loaders.ts';
import { migrations } from './migrations/index.ts';
import { resolvers } from './resolvers/index.ts';
import { workstreamWorkers } from './workers/index.ts';

export const sdl = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');

export const workstreamSubgraph: SubgraphDefinition = {
  name: 'workstream',
  dbSchema: 'workstream',
  typeDefs: parse(sdl),
  resolvers,
  userErrorCodes: USER_ERROR_CODES,
  entities,
  migrations,
  createLoaders,
  workers: workstreamWorkers,
  typeMappers: {
    Signal: '../entities/index.ts#SignalRow',
    Candidate: '../entities/index.ts#CandidateRow',
    Pursuit: '../entities/index.ts#PursuitRow',
    StageChange: '../entities/index.ts#StageChangeRow',
    ChecklistItem: '../entities/index.ts#ChecklistItemRow',
    Proposal: '../entities/index.ts#ProposalRow',
    SlaClock: '../entities/index.ts#SlaClockRow',
    SlaBreach: '../entities/index.ts#SlaBreachRow',
    PursuitStageEvent: '../resolvers/events.ts#EventRow',
    CandidateStatusEvent: '../resolvers/events.ts#EventRow',
    SlaStatusEvent: '../resolvers/events.ts#EventRow',
    Client: '../resolvers/reference.ts#EntityReference',
    Contact: '../resolvers/reference.ts#EntityReference',
    User: '../resolvers/reference.ts#EntityReference',
  },
};

export { DUE_CLOCKS_SQL, runSlaScheduler } from './workers/run-sla-scheduler.ts';
export { seedWorkstream } from './seed/seed-workstream.ts';

/** The definition under the one name every subgraph package exports, for the registry's loader. */
export { workstreamSubgraph as subgraph };
