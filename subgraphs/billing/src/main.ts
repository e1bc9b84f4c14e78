import { runSubgraph } from '@flowledger/shared';
import { billingSubgraph } from './index.ts';

await runSubgraph(billingSubgraph);
