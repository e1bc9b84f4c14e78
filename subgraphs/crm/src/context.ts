import type { SubgraphContext } from '@flowledger/shared';
import type { CrmLoaders } from './loaders.ts';

/** What every crm resolver receives: the caller, the request's EntityManager, its loaders. */
export type Context = SubgraphContext<CrmLoaders>;
