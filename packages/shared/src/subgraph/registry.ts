import type { Config } from '../config/schema.ts';

/**
 * Every subgraph of the graph, once: its name (in the supergraph, in signatures, and as the prefix
 * of its settings `<NAME>_PORT` and `<NAME>_URL`), its default port, its folder and its package.
 * The configuration schema, the gateway's URL map, `npm start`, the test kit, the benchmarks and the
 * checks of the Dockerfile, docker-compose.yml and the README derive from this list. Start order:
 * access first (the gateway's sign-in depends on it).
 */
export const SUBGRAPH_REGISTRY = [
  { name: 'access', port: 4001, dir: 'subgraphs/access', package: '@flowledger/access' },
  { name: 'crm', port: 4002, dir: 'subgraphs/crm', package: '@flowledger/crm' },
  { name: 'workstream', port: 4003, dir: 'subgraphs/workstream', package: '@flowledger/workstream' },
  { name: 'staffing', port: 4004, dir: 'subgraphs/staffing', package: '@flowledger/staffing' },
  { name: 'billing', port: 4005, dir: 'subgraphs/billing', package: '@flowledger/billing' },
  { name: 'tracking', port: 4006, dir: 'subgraphs/tracking', package: '@flowledger/tracking' },
] as const;

export type SubgraphName = (typeof SUBGRAPH_REGISTRY)[number]['name'];

export const SUBGRAPH_NAMES: readonly SubgraphName[] = SUBGRAPH_REGISTRY.map((s) => s.name);

/** The environment prefix of a subgraph's settings. */
export const settingPrefix = (name: string) => name.toUpperCase();

/** Where each subgraph is, from `<NAME>_URL`, else localhost on `<NAME>_PORT`. */
export function subgraphUrlsFromConfig(config: Config | Record<string, unknown>, names: readonly string[]): Record<string, string> {
  const values: Record<string, unknown> = config;
  return Object.fromEntries(
    names.map((name) => [
      name,
      (values[`${name.toUpperCase()}_URL`] as string | undefined) ?? `http://127.0.0.1:${values[`${name.toUpperCase()}_PORT`]}/graphql`,
    ]),
  );
}
