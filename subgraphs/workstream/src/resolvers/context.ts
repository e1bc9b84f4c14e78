import type { SubgraphContext } from '@flowledger/shared';
import type { WorkstreamLoaders } from '../loaders.ts';

export type WsContext = SubgraphContext<WorkstreamLoaders>;
