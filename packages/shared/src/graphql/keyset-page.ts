import type { EntityName, FilterQuery, FindOptions } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { toConnection } from './connection.ts';
import type { Connection, PageArgs } from './connection.ts';

/**
 * One page of a Relay connection in two statements, whatever the page size: the rows after the cursor
 * (`first + 1`, the extra one only says there is a next page) and the count of all matching rows.
 * `after` is the keyset condition for the cursor, in the same order as `orderBy`.
 */
export async function keysetPage<T extends { id: string }>(options: {
  em: EntityManager;
  entity: EntityName<T>;
  /** Conditions that all hold (the filter); empty means every row the tenant can see. */
  where: FilterQuery<T>[];
  page: PageArgs;
  orderBy: NonNullable<FindOptions<T>['orderBy']>;
  /** The rows that come after the cursor, when there is one. */
  after: (cursor: NonNullable<PageArgs['after']>) => FilterQuery<T>;
  /** The value the cursor carries besides the id. */
  sortKey: (row: T) => string;
}): Promise<Connection<T>> {
  const { em, entity, page } = options;
  const matching = (options.where.length ? { $and: options.where } : {}) as FilterQuery<T>;
  const afterCursor = page.after ? [options.after(page.after)] : [];
  const [rows, totalCount] = await Promise.all([
    page.first === 0 ? [] : em.find(entity, { $and: [matching, ...afterCursor] } as FilterQuery<T>, { orderBy: options.orderBy, limit: page.first + 1 }),
    em.count(entity, matching),
  ]);
  return toConnection(rows as T[], page, totalCount, options.sortKey);
}
