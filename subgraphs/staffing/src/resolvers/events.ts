import { z } from 'zod';
import { badUserInput, decodeEventCursor, encodeEventCursor, eventConnection, isUuid, listEventRows } from '@flowledger/shared';
import type { EventRow } from '@flowledger/shared';
import type { PageInfo } from '../generated/resolvers-types.ts';
import type { Context } from '../context.ts';

export type { EventRow };
export { encodeEventCursor };

/** A lookup by id for one kind of event: what a subscription resolves for each event it delivers. */
export function eventLookup(type: string) {
  return async (_: unknown, { id }: { id: string }, ctx: Context): Promise<EventRow | null> => {
    if (!isUuid(id)) return null;
    const row = await ctx.loaders.event.load(id);
    return row && row.type === type ? row : null;
  };
}

const listArgs = z.object({
  after: z.string().max(200).nullish(),
  first: z.number().int().min(1, 'must be 1 or more').max(250, 'must be at most 250').nullish(),
});

/** Catch-up: one kind of event after a cursor, oldest first (positions are handed out in commit order). */
export function eventList(type: string) {
  return async (_: unknown, args: unknown, ctx: Context): Promise<{ edges: { cursor: string; node: EventRow }[]; pageInfo: PageInfo }> => {
    const parsed = listArgs.safeParse(args);
    if (!parsed.success) throw badUserInput(parsed.error);
    const { after, first } = parsed.data;
    const from = after ? decodeEventCursor(after) : '0';
    if (from === null) throw badUserInput(new z.ZodError([{ code: 'custom', path: ['after'], message: 'is not a cursor of this list', input: after }]));
    const limit = first ?? 100;
    const rows = await listEventRows(ctx.em, 'staffing', { orgId: ctx.org.orgId, type, from, limit });
    return eventConnection(rows, limit, after);
  };
}
