import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import type { SubgraphDefinition } from '@flowledger/shared';
import { entities } from './entities/index.ts';
import { USER_ERROR_CODES } from './errors.ts';
import { createLoaders } from './loaders.ts';
import { migrations } from './migrations/index.ts';
import { resolvers } from './resolvers/index.ts';
import { crmWorkers } from './workers/index.ts';

export const sdl = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');

export const crmSubgraph: SubgraphDefinition = {
  name: 'crm',
  dbSchema: 'crm',
  typeDefs: parse(sdl),
  resolvers,
  userErrorCodes: USER_ERROR_CODES,
  entities,
  migrations,
  createLoaders,
  workers: crmWorkers,
  typeMappers: {
    Client: '../entities/index.ts#ClientRow',
    Contact: '../entities/index.ts#ContactRow',
    Position: '../entities/index.ts#PositionRow',
    IngestItemResult: '../domain/plan-ingest.ts#ItemOutcome',
  },
};

export { seedCrm } from './seed/seed-crm.ts';
export { Client } from './entities/index.ts';

/** The definition under the one name every subgraph package exports, for the registry's loader. */
export { crmSubgraph as subgraph };
