import { subgraphPort } from '@flowledger/shared';
import type { Config } from '@flowledger/shared';

/** The subgraphs of the supergraph, and where each one is: `<NAME>_URL`, else localhost on `<NAME>_PORT`. */
export const SUBGRAPH_NAMES = ['access', 'crm', 'workstream'] as const;

export function subgraphUrlsFromConfig(config: Config): Record<string, string> {
  const values = config as Record<string, unknown>;
  return Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [name, (values[`${name.toUpperCase()}_URL`] as string | undefined) ?? `http://127.0.0.1:${subgraphPort(config, name)}/graphql`]),
  );
}
