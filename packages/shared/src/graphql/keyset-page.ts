import type { SelectQueryBuilder } from 'kysely';
import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';
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
 * A Relay page over typed reads: `rows(limit, after)` fetches `first + 1` rows after the cursor in
 * the list's order, `count()` counts every matching row — called only when `totalCount` is selected.
 */
export async function pageOfRows<T extends { id: string }>(options: {
  page: PageArgs;
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>;
  rows: (limit: number, after: PageArgs['after']) => Promise<T[]>;
  count: () => Promise<number | string | bigint>;
  sortKey: (row: T) => string;
}): Promise<Connection<T>> {
  const { page } = options;
  const [rows, totalCount] = await Promise.all([
    page.first === 0 ? [] : options.rows(page.first + 1, page.after),
    selectsField(options.info, 'totalCount') ? options.count().then(Number) : 0,
  ]);
  return toConnection(rows, page, totalCount, options.sortKey);
}

/** `select count(*)` over a list's matching rows (its filter, no order, no limit), for pageOfRows. */
export async function countRows<DB, TB extends keyof DB>(matching: SelectQueryBuilder<DB, TB, object>): Promise<number> {
  const row = await matching.select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
  // Always there; the check only narrows Kysely's generic result type.
  if (!('count' in row)) throw new Error('count(*) answered no count');
  return Number(row.count);
}
