import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import type { SubgraphDefinition } from '@flowledger/shared';
import { entities } from './entities/index.ts';
import { USER_ERROR_CODES } from './errors.ts';
import { createLoaders } from './loaders.ts';
import { migrations } from './migrations/index.ts';
import { resolvers } from './resolvers/index.ts';
import { staffingWorkers } from './workers/index.ts';

export const sdl = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');

export const staffingSubgraph: SubgraphDefinition = {
  name: 'staffing',
  dbSchema: 'staffing',
  typeDefs: parse(sdl),
  resolvers,
  userErrorCodes: USER_ERROR_CODES,
  entities,
  migrations,
  createLoaders,
  workers: staffingWorkers,
  typeMappers: {
    StaffMember: '../entities/index.ts#StaffMemberRow',
    Skill: '../entities/index.ts#SkillRow',
    StaffSkill: '../entities/index.ts#StaffSkillRow',
    TimeOff: '../entities/index.ts#TimeOffRow',
    RateCard: '../entities/index.ts#RateCardRow',
    RateCardVersion: '../entities/index.ts#RateCardVersionRow',
    RoleRate: '../entities/index.ts#RoleRateRow',
    Assignment: '../entities/index.ts#AssignmentRow',
    RateSnapshot: '../entities/index.ts#AssignmentRow',
    SkillMatchRequirement: '../domain/skill-match.ts#RankedRequirement',
    StaffOverAllocationEvent: '../resolvers/events.ts#EventRow',
    Pursuit: '../resolvers/reference.ts#EntityReference',
    Engagement: '../resolvers/reference.ts#EntityReference',
    User: '../resolvers/reference.ts#EntityReference',
  },
};

export { seedDeliveryTeams, seedStaffing } from './seed/seed-staffing.ts';

/** The definition under the one name every subgraph package exports, for the registry's loader. */
export { staffingSubgraph as subgraph };
