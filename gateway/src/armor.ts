import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { Config } from '@flowledger/shared';

/**
 * Static limits on every operation, checked before planning: depth, aliases, directives and cost.
 * Tokens are bounded by graphql-js's own parser (`parseOptions.maxTokens` in start-gateway.ts):
 * Armor's token plugin turns every syntax error into a 500.
 */
export function createArmor(config: Config) {
  return new ApolloArmor({
    maxDepth: { n: config.MAX_DEPTH, exposeLimits: true, ignoreIntrospection: true },
    maxAliases: { n: config.MAX_ALIASES, exposeLimits: true },
    maxTokens: { enabled: false },
    costLimit: { maxCost: config.MAX_COST, exposeLimits: true, ignoreIntrospection: true },
    maxDirectives: { n: 50, exposeLimits: true },
    blockFieldSuggestion: { enabled: config.NODE_ENV === 'production' },
  }).protect();
}
