import { createHash } from 'node:crypto';
import { GraphQLError, Kind, parse, validate } from 'graphql';
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { z } from 'zod';

/** What a persisted operation may be. */
export const OPERATION_TYPES = ['query', 'mutation', 'subscription'] as const;

/** How many operations one manifest may hold, and how long one body may be. */
export const MAX_OPERATIONS = 1000;
export const MAX_BODY_CHARS = 100_000;

/** Apollo's persisted query manifest, as `generate-persisted-query-manifest` writes it. */
export const manifestSchema = z.object({
  format: z.literal('apollo-persisted-query-manifest', { error: 'must be "apollo-persisted-query-manifest"' }),
  version: z.literal(1, { error: 'must be 1' }),
  operations: z
    .array(
      z.object({
        id: z.string().regex(/^[0-9a-f]{64}$/, 'must be the SHA-256 of the body, as 64 lower-case hex digits'),
        name: z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
        type: z.enum(OPERATION_TYPES, { error: 'must be query, mutation or subscription' }),
        body: z.string().min(1, 'must not be empty').max(MAX_BODY_CHARS, `must be at most ${MAX_BODY_CHARS} characters`),
      }),
    )
    .min(1, 'the manifest holds no operations')
    .max(MAX_OPERATIONS, `at most ${MAX_OPERATIONS} operations per manifest`),
});

export type ManifestOperation = z.output<typeof manifestSchema>['operations'][number];

/** What is wrong with one operation of a manifest: its place in the list, and every reason. */
export interface OperationProblem {
  index: number;
  code: 'OPERATION_ID_MISMATCH' | 'INVALID_OPERATION';
  message: string;
}

export const operationId = (body: string) => createHash('sha256').update(body).digest('hex');

/**
 * Checks each operation against the API schema the gateway serves: its id is the SHA-256 of its
 * body, the body parses, holds the named operation of the stated type, and validates. Pure: the
 * caller decides (all or nothing).
 */
export function checkOperations(operations: ManifestOperation[], schema: GraphQLSchema): OperationProblem[] {
  const problems: OperationProblem[] = [];
  operations.forEach((operation, index) => {
    const where = `operation ${index} ("${operation.name}")`;
    if (operationId(operation.body) !== operation.id) {
      problems.push({
        index,
        code: 'OPERATION_ID_MISMATCH',
        message: `${where}: its id is not the SHA-256 of its body (expected ${operationId(operation.body)})`,
      });
      return;
    }
    let document: DocumentNode;
    try {
      document = parse(operation.body, { maxTokens: 10_000 });
    } catch (error) {
      problems.push({ index, code: 'INVALID_OPERATION', message: `${where}: ${error instanceof GraphQLError ? error.message : 'does not parse'}` });
      return;
    }
    const definitions = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const named = definitions.find((d) => d.name?.value === operation.name);
    if (definitions.length !== 1 || !named) {
      problems.push({ index, code: 'INVALID_OPERATION', message: `${where}: the body must hold exactly one operation, named "${operation.name}"` });
      return;
    }
    if (named.operation !== operation.type) {
      problems.push({ index, code: 'INVALID_OPERATION', message: `${where}: the body is a ${named.operation}, the manifest says ${operation.type}` });
      return;
    }
    const errors = validate(schema, document);
    if (errors.length > 0) problems.push({ index, code: 'INVALID_OPERATION', message: `${where}: ${errors.map((e) => e.message).join('; ')}` });
  });
  return problems;
}
