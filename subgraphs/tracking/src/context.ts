import type { SubgraphContext } from '@flowledger/shared';
import type { TrackingLoaders } from './loaders.ts';

/** What every tracking resolver receives: the caller, the request's EntityManager, its loaders. */
export type Context = SubgraphContext<TrackingLoaders>;
