import type { EntityName, FilterQuery, FindOptions } from '@mikro-orm/core';
import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { toConnection } from './connection.ts';
import type { Connection, PageArgs } from './connection.ts';

/**
 * Whether the operation selects `field` directly under this resolver's field (through fragments too).
 * A count nobody asked for is a whole scan of the matching rows.
 */
export function selectsField(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, field: string): boolean {
  const within = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).some((selection) => {
      if (selection.kind === 'Field') return selection.name.value === field;
      if (selection.kind === 'InlineFragment') return within(selection.selectionSet);
      return within(info.fragments[selection.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node) => within(node.selectionSet));
}

/**
 * One page of a Relay connection in one statement, whatever the page size: the rows after the cursor
 * (`first + 1`, the extra one only says there is a next page); and, only when the operation selects
 * `totalCount` (`info`), a second one counting all matching rows. `after` is the keyset condition
 * for the cursor, in the same order as `orderBy`.
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
  /** The connection field's resolve info: `totalCount` is counted only when it is selected. */
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>;
}): Promise<Connection<T>> {
  const { em, entity, page } = options;
  const matching = (options.where.length ? { $and: options.where } : {}) as FilterQuery<T>;
  const afterCursor = page.after ? [options.after(page.after)] : [];
  const [rows, totalCount] = await Promise.all([
    page.first === 0 ? [] : em.find(entity, { $and: [matching, ...afterCursor] } as FilterQuery<T>, { orderBy: options.orderBy, limit: page.first + 1 }),
    // Not selected: nobody can read it, so nothing is counted.
    selectsField(options.info, 'totalCount') ? em.count(entity, matching) : 0,
  ]);
  return toConnection(rows as T[], page, totalCount, options.sortKey);
}
