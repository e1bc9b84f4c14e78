import { z } from 'zod';
import { badUserInput } from './errors.ts';

/**
 * Relay cursor connections over a keyset: rows are ordered by (sortKey, id) and the cursor encodes
 * both, so pages stay stable while rows are inserted.
 */
export interface PageArgs {
  first: number;
  after: { key: string; id: string } | null;
}

const cursorSchema = z.object({ k: z.string(), i: z.uuid() });

export function encodeCursor(key: string, id: string): string {
  return Buffer.from(JSON.stringify({ k: key, i: id })).toString('base64url');
}

function decodeCursor(cursor: string): { key: string; id: string } | null {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.success ? { key: parsed.data.k, id: parsed.data.i } : null;
  } catch {
    return null;
  }
}

// Built once per cap (a process has one), not per request: building a zod schema costs more than using it.
const pageSchemas = new Map<number, z.ZodType<{ first?: number | null; after?: string | null }>>();
function pageSchema(maxPageSize: number) {
  let schema = pageSchemas.get(maxPageSize);
  if (!schema) {
    schema = z.object({
      first: z.number().int().min(0, 'must be 0 or more').max(maxPageSize, `must be at most ${maxPageSize} (the page size cap)`).nullish(),
      after: z.string().max(512).nullish(),
    });
    pageSchemas.set(maxPageSize, schema);
  }
  return schema;
}

/** Parses `first`/`after`; `first` above the cap is refused with a message saying the cap. */
export function parsePageArgs(args: { first?: number | null; after?: string | null }, maxPageSize: number, defaultSize = 50): PageArgs {
  const parsed = pageSchema(maxPageSize).safeParse(args);
  if (!parsed.success) throw badUserInput(parsed.error);
  let after = null;
  if (parsed.data.after) {
    after = decodeCursor(parsed.data.after);
    if (!after) throw badUserInput(new z.ZodError([{ code: 'custom', path: ['after'], message: 'is not a cursor from this list', input: parsed.data.after }]));
  }
  return { first: parsed.data.first ?? Math.min(defaultSize, maxPageSize), after };
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

/** Builds a connection from `first + 1` fetched rows (the extra one only says there is a next page). */
export function toConnection<T extends { id: string }>(rows: T[], page: PageArgs, totalCount: number, sortKey: (row: T) => string): Connection<T> {
  const nodes = rows.slice(0, page.first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(sortKey(node), node.id), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > page.first,
      hasPreviousPage: page.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
  };
}
