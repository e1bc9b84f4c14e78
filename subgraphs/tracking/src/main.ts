import { runSubgraph } from '@flowledger/shared';
import { trackingSubgraph } from './index.ts';

await runSubgraph(trackingSubgraph);
