import { runSubgraph } from '@flowledger/shared';
import { staffingSubgraph } from './index.ts';

await runSubgraph(staffingSubgraph);
