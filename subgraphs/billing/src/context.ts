import type { SubgraphContext } from '@flowledger/shared';
import type { BillingLoaders } from './loaders.ts';

/** What every billing resolver receives: the caller, the request's EntityManager, its loaders. */
export type Context = SubgraphContext<BillingLoaders>;
