import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import type { GraphQLSchema } from 'graphql';
import { repoRoot } from '../config/paths.ts';

let apiSchema: GraphQLSchema | null = null;

/**
 * The API schema the gateway serves — the committed supergraph the gateway runs, without its
 * federation machinery — which persisted operations are validated against when registered.
 * Built once per process.
 */
export function gatewayApiSchema(): GraphQLSchema {
  apiSchema ??= Supergraph.build(readFileSync(join(repoRoot, 'schema/supergraph.graphql'), 'utf8'))
    .apiSchema()
    .toGraphQLJSSchema();
  return apiSchema;
}
