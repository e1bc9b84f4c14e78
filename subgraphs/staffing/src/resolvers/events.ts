import { encodeEventCursor, eventResolvers } from '@flowledger/shared';
import type { EventRow } from '@flowledger/shared';

export type { EventRow };
export { encodeEventCursor };

/** Lookups and catch-up lists of staffing's events (once in the kit for every subgraph). */
const events = eventResolvers('staffing');
export const eventLookup = events.lookup;
export const eventList = events.list;
