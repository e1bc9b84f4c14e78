import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { loadSubgraphs } from './subgraphs.ts';
import type { LoadedSubgraph } from './subgraphs.ts';

/** The committed supergraph's URLs are placeholders: the gateway maps names to URLs from its config. */
export const placeholderUrl = (name: string) => `http://${name}.subgraph.invalid/graphql`;

/** Composes the subgraph SDLs into the supergraph SDL, or throws with every composition error. */
export async function composeSupergraph(subgraphs?: LoadedSubgraph[]): Promise<string> {
  const SUBGRAPHS = subgraphs ?? (await loadSubgraphs());
  const result = composeServices(
    SUBGRAPHS.map(({ definition, sdl }) => ({ name: definition.name, url: placeholderUrl(definition.name), typeDefs: parse(sdl) })),
  );
  if (result.errors) throw new Error(`composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  return `${result.supergraphSdl.trimEnd()}\n`;
}
