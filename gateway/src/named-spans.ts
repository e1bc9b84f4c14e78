import type { ApolloServerPlugin } from '@apollo/server';
import { nameGraphQLSpan } from '@flowledger/shared';
import type { GatewayContext } from './gateway-context.ts';

/** Names the request's GraphQL span after its operation (`query Dashboard`) once it is known. */
export const namedSpans: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (operation) nameGraphQLSpan(operation.operation, operation.name?.value ?? null);
      },
    };
  },
};
