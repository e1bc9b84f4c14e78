import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import type { SubgraphDefinition } from '@flowledger/shared';
import { entities } from './entities/index.ts';
import { USER_ERROR_CODES } from './errors.ts';
import { createLoaders } from './loaders.ts';
import { migrations } from './migrations/index.ts';
import { resolvers } from './resolvers/index.ts';
import { serveClick, servePixel } from './use-cases/serve-hit.ts';
import { trackingWorkers } from './workers/index.ts';

export const sdl = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');

export const trackingSubgraph: SubgraphDefinition = {
  name: 'tracking',
  dbSchema: 'tracking',
  typeDefs: parse(sdl),
  resolvers,
  userErrorCodes: USER_ERROR_CODES,
  entities,
  migrations,
  createLoaders,
  workers: trackingWorkers,
  publicRoutes: { '/t/o/': servePixel, '/t/c/': serveClick },
  // Mail clients behind one address (a company's NAT, a proxy) open many pixels: far above the kit's default.
  publicRateLimitPerMinute: 600_000,
  typeMappers: {
    TrackedMessage: '../entities/index.ts#TrackedMessageRow',
    EngagementRecordedEvent: '../resolvers/events.ts#EventRow',
    EngagementStats: '../resolvers/stats.ts#StatsValue',
    Contact: '../resolvers/reference.ts#EntityReference',
    Pursuit: '../resolvers/reference.ts#EntityReference',
    Proposal: '../resolvers/reference.ts#EntityReference',
  },
};

export { seedTracking } from './seed/seed-tracking.ts';

/** The definition under the one name every subgraph package exports, for the registry's loader. */
export { trackingSubgraph as subgraph };
