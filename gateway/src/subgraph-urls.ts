import { SUBGRAPH_NAMES, subgraphUrlsFromConfig as urlsFromConfig } from '@flowledger/shared';
import type { Config } from '@flowledger/shared';

export { SUBGRAPH_NAMES };

/** Where each subgraph of the registry is: `<NAME>_URL`, else localhost on `<NAME>_PORT`. */
export function subgraphUrlsFromConfig(config: Config): Record<string, string> {
  return urlsFromConfig(config, SUBGRAPH_NAMES);
}
