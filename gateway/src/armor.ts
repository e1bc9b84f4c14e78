import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { Config } from '@flowledger/shared';

/** Static limits on every operation, checked before planning: depth, aliases, tokens and cost. */
export function createArmor(config: Config) {
  return new ApolloArmor({
    maxDepth: { n: config.MAX_DEPTH, exposeLimits: true, ignoreIntrospection: true },
    maxAliases: { n: config.MAX_ALIASES, exposeLimits: true },
    maxTokens: { n: config.MAX_TOKENS, exposeLimits: true },
    costLimit: { maxCost: config.MAX_COST, exposeLimits: true, ignoreIntrospection: true },
    maxDirectives: { n: 50, exposeLimits: true },
    blockFieldSuggestion: { enabled: config.NODE_ENV === 'production' },
  }).protect();
}
