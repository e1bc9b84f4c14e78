import DataLoader from 'dataloader';

/**
 * A per-request loader of rows by id: one query per batch, results in key order, null for ids the
 * caller cannot see (another organisation's rows look exactly like missing ones).
 */
export function byIdLoader<T extends { id: string }>(fetch: (ids: readonly string[]) => Promise<T[]>): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = await fetch(ids);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** Rows by a key, each group in the rows' order. */
export function groupRows<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(keyOf(row));
    if (group) group.push(row);
    else groups.set(keyOf(row), [row]);
  }
  return groups;
}

/** A per-request loader of child lists by parent id: one query per batch, an empty list for none. */
export function groupLoader<T>(fetch: (keys: readonly string[]) => Promise<T[]>, keyOf: (row: T) => string): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (keys) => {
    const groups = groupRows(await fetch(keys), keyOf);
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/** What `loadMany` found: the rows, without the ids that resolved to nothing (or failed). */
export function found<T>(values: readonly (T | null | Error)[]): T[] {
  return values.filter((value): value is T => value !== null && !(value instanceof Error));
}
