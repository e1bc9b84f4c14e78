import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from './create-orm.ts';

/**
 * Runs `work` in one transaction scoped to one organisation: `app.org_id` is set for the row-level
 * security policies (transaction-local, so a pooled connection forgets it), and the tenant filter
 * gets the same id. The EntityManager is a fork, never the global one.
 */
export async function inOrgScope<T>(orm: Orm, orgId: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
  const fork = orm.em.fork({ clear: true });
  return fork.transactional(async (em) => {
    await em.execute(`select set_config('app.org_id', ?, true)`, [orgId]);
    em.setFilterParams('tenant', { orgId });
    return work(em);
  });
}

/**
 * The system scope: the one place the tenant filter is lifted, for work that must find items across
 * organisations (outbox rows, due clocks). It names itself in `app.system`; a table lets the system
 * scope claim rows only through a policy of its own that reads that setting, so every other tenant
 * table still reads empty here. Having found an item, read or write its data with `inOrgScope`.
 */
export async function inSystemScope<T>(orm: Orm, purpose: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
  const fork = orm.em.fork({ clear: true });
  return fork.transactional(async (em) => {
    await em.execute(`select set_config('app.system', ?, true)`, [purpose]);
    em.setFilterParams('tenant', { orgId: null });
    return work(em);
  });
}
