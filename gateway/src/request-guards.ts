import { GraphQLError, Kind, visit } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from './gateway-context.ts';

const badRequest = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });

/** The path of the first string holding U+0000 in a variables object, or null. */
export function findNulByte(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findNulByte(item, [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = findNulByte(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Client mistakes that would otherwise reach the executor and come back as server errors: no
 * operation to run (several, unnamed), a subscription over HTTP, and text with a NUL character, which
 * PostgreSQL cannot store (every text column refuses it) — refused here, once, for every subgraph.
 */
export const requestGuards: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, operationName, document, request }) {
        if (!operation) {
          throw badRequest(
            request.operationName
              ? `the document has no operation named "${request.operationName}"`
              : 'the document holds several operations: name the one to run with operationName',
          );
        }
        if (operation.operation === 'subscription') {
          throw badRequest('subscriptions are served over WebSocket (the graphql-ws protocol) at this URL, not over HTTP');
        }
        const field = findNulByte(request.variables ?? {});
        if (field) {
          throw new GraphQLError(`${field.join('.')}: text cannot contain the NUL character (U+0000)`, {
            extensions: { code: 'BAD_USER_INPUT', field, http: { status: 400 } },
          });
        }
        let literal = false;
        visit(document, {
          [Kind.STRING]: (node) => {
            if (node.value.includes('\u0000')) literal = true;
          },
        });
        if (literal) {
          throw new GraphQLError(`a string in ${operationName ?? 'the operation'} contains the NUL character (U+0000), which text cannot hold`, {
            extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
          });
        }
      },
    };
  },
};
