import { createHash } from 'node:crypto';
import type { ApolloGateway } from '@apollo/gateway';
import type { GatewaySchemaHash } from '@apollo/server-gateway-interface';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { Kind, parse, printSchema, validate } from 'graphql';
import type { DocumentNode, GraphQLFormattedError, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Logger, OrgContext } from '@flowledger/shared';
import type { LookupExecutor } from './subscription-hub.ts';

interface Prepared {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  queryHash: string;
}

/**
 * Runs a subscription's event lookup straight through the gateway's executor: the document is parsed
 * and validated once per distinct lookup (lookups repeat, only the event id changes), the query plan
 * is cached by the gateway, and no HTTP request pipeline, plugin chain or armor pass runs per event
 * (the subscription's own document went through all of them when it was subscribed). Under load the
 * pipeline was most of the time an event spent queued at the gateway.
 */
export function createDirectExecutor(options: {
  gateway: ApolloGateway;
  schema: () => GraphQLSchema | null;
  log: Logger;
  /** What a client may see of an error (the gateway's masking: codes, never internals). */
  formatError: (error: GraphQLFormattedError, original: unknown) => GraphQLFormattedError;
}): LookupExecutor {
  const prepared = new LRUCache<string, Prepared>({ max: 1000 });
  const cache = new InMemoryLRUCache();
  let schemaHash: { schema: GraphQLSchema; hash: GatewaySchemaHash } | null = null;
  const prepare = (schema: GraphQLSchema, query: string): Prepared | { errors: readonly Error[] } => {
    const hit = prepared.get(query);
    if (hit) return hit;
    const document = parse(query);
    const errors = validate(schema, document);
    if (errors.length) return { errors };
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    const entry = { document, operation, queryHash: createHash('sha256').update(query).digest('hex') };
    prepared.set(query, entry);
    return entry;
  };
  return async ({ query, variables, org }: { query: string; variables: Record<string, unknown>; org: OrgContext }) => {
    const schema = options.schema();
    if (!schema) return null;
    const ready = prepare(schema, query);
    if ('errors' in ready) return { errors: ready.errors.map((e) => ({ message: e.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })) };
    // Once per schema load: the gateway keys nothing on it, but the request context carries one.
    if (schemaHash?.schema !== schema) schemaHash = { schema, hash: createHash('sha256').update(printSchema(schema)).digest('hex') as GatewaySchemaHash };
    const context = { org, purpose: 'subscription' as const };
    const result = await options.gateway.executor({
      request: { query, variables },
      logger: options.log,
      schema,
      schemaHash: schemaHash.hash,
      context,
      cache,
      queryHash: ready.queryHash,
      document: ready.document,
      source: query,
      operationName: ready.operation.name?.value ?? null,
      operation: ready.operation,
      metrics: {},
      overallCachePolicy: undefined,
    });
    return { data: result.data ?? null, ...(result.errors?.length ? { errors: result.errors.map((e) => options.formatError(e.toJSON(), e)) } : {}) };
  };
}
