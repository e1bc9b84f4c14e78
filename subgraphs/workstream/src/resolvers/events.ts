import { z } from 'zod';
import { badUserInput, decodeEventCursor, encodeEventCursor, eventConnection, listEventRows } from '@flowledger/shared';
import type { EventRow } from '@flowledger/shared';

import type { PageInfo } from '../generated/resolvers-types.ts';
import type { Context } from '../context.ts';

export type { EventRow };
export { encodeEventCursor };

/** A lookup by id for one kind of event: what a subscription resolves for each event it delivers. */
export function eventLookup(type: string) {
  return async (_: unknown, { id }: { id: string }, ctx: Context): Promise<EventRow | null> => {
    if (!z.uuid().safeParse(id).success) return null;
    const row = await ctx.loaders.event.load(id);
    return row && row.type === type ? row : null;
  };
}

const listArgs = z.object({
  after: z.string().max(200).nullish(),
  first: z.number().int().min(1, 'must be 1 or more').max(250, 'must be at most 250').nullish(),
  filter: z
    .object({
      stages: z.array(z.string()).nullish(),
      statuses: z.array(z.string()).nullish(),
      kinds: z.array(z.string()).nullish(),
      clientId: z.uuid('is not a valid id').nullish(),
      ownerId: z.uuid('is not a valid id').nullish(),
      assigneeId: z.uuid('is not a valid id').nullish(),
    })
    .nullish(),
});

/**
 * Catch-up: one kind of event after a cursor, oldest first. Positions are handed out in commit order,
 * so nothing committed later can appear before a cursor already returned. The filter is the
 * subscription's, applied to the same facts.
 */
export function eventList(type: string) {
  return async (_: unknown, args: unknown, ctx: Context): Promise<{ edges: { cursor: string; node: EventRow }[]; pageInfo: PageInfo }> => {
    const parsed = listArgs.safeParse(args);
    if (!parsed.success) throw badUserInput(parsed.error);
    const { after, first, filter } = parsed.data;
    const from = after ? decodeEventCursor(after) : '0';
    if (from === null) throw badUserInput(new z.ZodError([{ code: 'custom', path: ['after'], message: 'is not a cursor of this list', input: after }]));
    const limit = first ?? 100;
    const where: string[] = [];
    const params: unknown[] = [];
    const any = (path: string, values: string[] | null | undefined) => values?.length && (where.push(`payload->>'${path}' in (?)`), params.push(values));
    const eq = (path: string, value: string | null | undefined) => value && (where.push(`payload->>'${path}' = ?`), params.push(value));
    any('to', filter?.stages);
    any('to', filter?.statuses);
    any('kind', filter?.kinds);
    eq('clientId', filter?.clientId);
    eq('ownerId', filter?.ownerId);
    eq('assigneeId', filter?.assigneeId);
    const rows = await listEventRows(ctx.em, 'workstream', { orgId: ctx.org.orgId, type, from, limit, where, params });
    return eventConnection(rows, limit, after);
  };
}
