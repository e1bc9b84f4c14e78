import { accessSubgraph, sdl as accessSdl } from '@flowledger/access';
import { crmSubgraph, sdl as crmSdl } from '@flowledger/crm';
import { workstreamSubgraph, sdl as workstreamSdl } from '@flowledger/workstream';
import type { SubgraphDefinition } from '@flowledger/shared';

/** Every subgraph of the graph, in start order (access first: the gateway's sign-in depends on it). */
export const SUBGRAPHS: { definition: SubgraphDefinition; sdl: string; dir: string }[] = [
  { definition: accessSubgraph, sdl: accessSdl, dir: 'subgraphs/access' },
  { definition: crmSubgraph, sdl: crmSdl, dir: 'subgraphs/crm' },
  { definition: workstreamSubgraph, sdl: workstreamSdl, dir: 'subgraphs/workstream' },
];
