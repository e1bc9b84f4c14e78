import type { SubgraphContext } from '@flowledger/shared';
import type { CrmLoaders } from '../loaders.ts';

export type CrmContext = SubgraphContext<CrmLoaders>;
