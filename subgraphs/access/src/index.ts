import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import type { SubgraphDefinition } from '@flowledger/shared';
import { entities } from './entities/index.ts';
import { USER_ERROR_CODES } from './errors.ts';
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from './use-cases/idempotency-records.ts';
import { lookUpApiKey } from './use-cases/look-up-api-key.ts';
import { lookUpDocument } from './use-cases/look-up-document.ts';
import { storeApqDocument } from './use-cases/store-apq-document.ts';
import { lookUpSession } from './use-cases/look-up-session.ts';
import { accessWorkers } from './workers/index.ts';
import { createLoaders } from './loaders.ts';
import { migrations } from './migrations/index.ts';
import { resolvers } from './resolvers/index.ts';

export const sdl = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');

export const accessSubgraph: SubgraphDefinition = {
  name: 'access',
  dbSchema: 'access',
  typeDefs: parse(sdl),
  resolvers,
  userErrorCodes: USER_ERROR_CODES,
  entities,
  migrations,
  createLoaders,
  workers: accessWorkers,
  internalRoutes: {
    session: ({ orm, body }) => lookUpSession({ orm, input: body }),
    'api-key': ({ orm, body }) => lookUpApiKey({ orm, input: body }),
    document: ({ orm, body }) => lookUpDocument({ orm, input: body }),
    apq: ({ orm, body }) => storeApqDocument({ orm, input: body }),
    'idempotency/claim': ({ orm, body }) => claimIdempotencyKey({ orm, input: body }),
    'idempotency/complete': ({ orm, body }) => completeIdempotencyKey({ orm, input: body }),
    'idempotency/release': ({ orm, body }) => releaseIdempotencyKey({ orm, input: body }),
  },
  typeMappers: {
    Organization: '../entities/index.ts#OrganizationRow',
    User: '../entities/index.ts#UserRow',
    ApiKey: '../entities/index.ts#ApiKeyRow',
    PersistedOperation: '../entities/index.ts#PersistedOperationRow',
  },
};

export { seedAccess } from './seed/seed-access.ts';
export { DEMO, demoUser } from './seed/demo.ts';
export type { DemoOrgSlug } from './seed/demo.ts';

/** The definition under the one name every subgraph package exports, for the registry's loader. */
export { accessSubgraph as subgraph };
