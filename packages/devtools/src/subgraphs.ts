import { SUBGRAPH_REGISTRY } from '@flowledger/shared';
import type { SubgraphDefinition } from '@flowledger/shared';

export interface LoadedSubgraph {
  definition: SubgraphDefinition;
  sdl: string;
  dir: string;
  port: number;
}

let loading: Promise<LoadedSubgraph[]> | null = null;

/**
 * Every subgraph of the registry, loaded from its package (which exports `subgraph` and `sdl`), in
 * start order. Adding a subgraph is its folder and its line in the registry; nothing here changes.
 * A function rather than a top-level await: jest loads its global setup through require().
 */
export function loadSubgraphs(registry?: readonly RegistryEntry[]): Promise<LoadedSubgraph[]> {
  if (registry) return loadFrom(registry);
  loading ??= loadFrom(SUBGRAPH_REGISTRY);
  return loading;
}

/** What a registry line holds; `package` is anything `import()` takes (a package name, or a file URL for a test's fixture). */
export interface RegistryEntry {
  name: string;
  port: number;
  dir: string;
  package: string;
}

function loadFrom(registry: readonly RegistryEntry[]): Promise<LoadedSubgraph[]> {
  return Promise.all(
    registry.map(async (entry) => {
      const loaded = (await import(entry.package)) as { subgraph?: SubgraphDefinition; sdl?: string };
      if (!loaded.subgraph || typeof loaded.sdl !== 'string') throw new Error(`${entry.package} must export \`subgraph\` (its definition) and \`sdl\``);
      if (loaded.subgraph.name !== entry.name) throw new Error(`${entry.package} defines "${loaded.subgraph.name}", but the registry names it "${entry.name}"`);
      return { definition: loaded.subgraph, sdl: loaded.sdl, dir: entry.dir, port: entry.port };
    }),
  );
}
