import { runSubgraph } from '@flowledger/shared';
import { crmSubgraph } from './index.ts';

await runSubgraph(crmSubgraph);
