import { runSubgraph } from '@flowledger/shared';
import { workstreamSubgraph } from './index.ts';

await runSubgraph(workstreamSubgraph);
