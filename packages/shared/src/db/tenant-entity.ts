import { p } from '@mikro-orm/core';
import { uuidv7 } from '../ids.ts';

/**
 * The columns every tenant row has. `orgId` is set once, at creation, from the request's context;
 * nothing in an input can choose it.
 */
export function tenantProperties() {
  return {
    id: p
      .uuid()
      .primary()
      .onCreate(() => uuidv7()),
    orgId: p.uuid(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  };
}

/**
 * The tenant filter, on by default for every tenant entity. Without `orgId` among the filter
 * parameters MikroORM throws instead of querying: an EntityManager not yet scoped to an
 * organisation reads nothing (fails closed). Only the system scope lifts it.
 */
export const tenantFilters = {
  tenant: {
    name: 'tenant',
    // orgId null is the system scope (see inSystemScope): no tenant condition, RLS still applies.
    cond: (args: Record<string, unknown>) => (args.orgId === null ? {} : { orgId: args.orgId }),
    default: true,
  },
};
