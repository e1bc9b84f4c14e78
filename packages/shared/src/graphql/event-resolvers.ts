import { z } from 'zod';
import type DataLoader from 'dataloader';
import { decodeEventCursor, eventConnection, listEventRows } from '../events/event-rows.ts';
import type { EventRow } from '../events/event-rows.ts';
import { isUuid } from '../ids.ts';
import type { SubgraphContext } from '../subgraph/definition.ts';
import { badUserInput } from './errors.ts';

type EventContext = SubgraphContext<{ event: DataLoader<string, EventRow | null> }>;

const listArgs = z.object({
  after: z.string().max(200).nullish(),
  first: z.number().int().min(1, 'must be 1 or more').max(250, 'must be at most 250').nullish(),
});

/**
 * The two query fields every kind of event a subscription serves needs, for a subgraph's own outbox:
 * the lookup by id that the gateway resolves per delivered event, and the catch-up list after a
 * cursor (oldest first; positions are handed out in commit order, so nothing committed later can
 * appear before a cursor already returned).
 */
export function eventResolvers(schema: string) {
  return {
    lookup:
      (type: string) =>
      async (_: unknown, { id }: { id: string }, ctx: EventContext): Promise<EventRow | null> => {
        if (!isUuid(id)) return null;
        const row = await ctx.loaders.event.load(id);
        return row && row.type === type ? row : null;
      },
    list: (type: string) => async (_: unknown, args: unknown, ctx: EventContext) => {
      const parsed = listArgs.safeParse(args);
      if (!parsed.success) throw badUserInput(parsed.error);
      const { after, first } = parsed.data;
      const from = after ? decodeEventCursor(after) : '0';
      if (from === null) throw badUserInput(new z.ZodError([{ code: 'custom', path: ['after'], message: 'is not a cursor of this list', input: after }]));
      const limit = first ?? 100;
      const rows = await listEventRows(ctx.em, schema, { orgId: ctx.org.orgId, type, from, limit });
      return eventConnection(rows, limit, after);
    },
  };
}
