import type { SubgraphContext } from '@flowledger/shared';
import type { StaffingLoaders } from './loaders.ts';

/** What every staffing resolver receives: the caller, the request's EntityManager, its loaders. */
export type Context = SubgraphContext<StaffingLoaders>;
