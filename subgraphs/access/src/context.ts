import type { SubgraphContext } from '@flowledger/shared';
import type { AccessLoaders } from './loaders.ts';

/** What every access resolver receives: the caller, the request's EntityManager, its loaders. */
export type Context = SubgraphContext<AccessLoaders>;
