import { runSubgraph } from '@flowledger/shared';
import { accessSubgraph } from './index.ts';

await runSubgraph(accessSubgraph);
