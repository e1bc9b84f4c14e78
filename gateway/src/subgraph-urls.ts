import { subgraphUrlsFromConfig as urlsFromConfig } from '@flowledger/shared';
import type { Config } from '@flowledger/shared';

/** The subgraphs of the supergraph, and where each one is: `<NAME>_URL`, else localhost on `<NAME>_PORT`. */
export const SUBGRAPH_NAMES = ['access', 'crm', 'workstream'] as const;

export function subgraphUrlsFromConfig(config: Config): Record<string, string> {
  return urlsFromConfig(config, SUBGRAPH_NAMES);
}
