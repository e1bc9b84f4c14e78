import type { SubgraphContext } from '@flowledger/shared';
import type { WorkstreamLoaders } from './loaders.ts';

/** What every workstream resolver receives: the caller, the request's EntityManager, its loaders. */
export type Context = SubgraphContext<WorkstreamLoaders>;
