import { getNamedType } from 'graphql';
import type { GraphQLSchema } from 'graphql';

export interface SubscriptionRoute {
  eventType: string;
  lookupField: string;
}

const routes = new WeakMap<GraphQLSchema, Map<string, SubscriptionRoute>>();

/**
 * Each subscription field of the supergraph, the event type that feeds it and the lookup query field
 * that resolves one event — read from the schema by one convention, so a subgraph adds a
 * subscription in its own SDL and the gateway needs no change: the field `staffOverAllocated` is fed
 * by events of type `StaffOverAllocated` and resolved by the Query field that returns the same type
 * and takes an `id` (`staffOverAllocationEvent(id: ID!)`). A subscription field without such a
 * lookup is not served (and says so to the subscriber).
 */
export function subscriptionRoute(schema: GraphQLSchema, field: string): SubscriptionRoute | null {
  let known = routes.get(schema);
  if (!known) {
    known = new Map();
    const queries = Object.values(schema.getQueryType()?.getFields() ?? {});
    for (const subscription of Object.values(schema.getSubscriptionType()?.getFields() ?? {})) {
      const type = getNamedType(subscription.type);
      const lookup = queries.find((q) => getNamedType(q.type) === type && q.args.length === 1 && q.args[0]!.name === 'id');
      if (lookup) known.set(subscription.name, { eventType: subscription.name[0]!.toUpperCase() + subscription.name.slice(1), lookupField: lookup.name });
    }
    routes.set(schema, known);
  }
  return known.get(field) ?? null;
}
