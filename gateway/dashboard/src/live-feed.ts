import { MissedPursuitMovesDocument, MissedSlaChangesDocument, PursuitMovedDocument, SlaChangedDocument } from '../generated/graphql.ts';
import type { PursuitMovedSubscription, SlaChangedSubscription } from '../generated/graphql.ts';
import type { GraphClient } from './graph-client.ts';

export type PursuitMove = PursuitMovedSubscription['pursuitStageChanged'];
export type SlaChange = SlaChangedSubscription['slaStatusChanged'];
export type FeedEvent = { kind: 'move'; event: PursuitMove; caughtUp: boolean } | { kind: 'sla'; event: SlaChange; caughtUp: boolean };

/** Pages an event list from `after` to its end; bounded, so a long history cannot hold the page. */
async function drain<T extends { cursor: string }>(page: (after: string | null) => Promise<T[]>, after: string | null): Promise<T[]> {
  const all: T[] = [];
  let cursor = after;
  for (let round = 0; round < 50; round++) {
    const events = await page(cursor);
    all.push(...events);
    if (events.length < 100) break;
    cursor = events[events.length - 1]!.cursor;
  }
  return all;
}

/**
 * The page's stream of pursuit moves and SLA changes: live from the subscriptions, and after a lost
 * connection the ones it missed, read from the event lists after the last cursor it saw (each event
 * once: ids already shown are skipped).
 */
export function createLiveFeed(graph: GraphClient, onEvent: (event: FeedEvent) => void) {
  const cursors = { move: null as string | null, sla: null as string | null };
  const seen = new Set<string>();
  const accept = (event: FeedEvent) => {
    if (seen.has(event.event.id)) return false;
    seen.add(event.event.id);
    cursors[event.kind] = event.event.cursor;
    onEvent(event);
    return true;
  };
  const moves = (after: string | null) =>
    graph.query(MissedPursuitMovesDocument, { after }).then((data) => data.pursuitStageEvents?.edges.map((edge) => edge.node) ?? []);
  const slas = (after: string | null) =>
    graph.query(MissedSlaChangesDocument, { after }).then((data) => data.slaStatusEvents?.edges.map((edge) => edge.node) ?? []);
  return {
    /** Where the lists end now: the page shows what happens from here on. */
    async start(): Promise<void> {
      const [pastMoves, pastSlas] = await Promise.all([drain(moves, null), drain(slas, null)]);
      for (const event of pastMoves) seen.add(event.id);
      for (const event of pastSlas) seen.add(event.id);
      cursors.move = pastMoves.at(-1)?.cursor ?? null;
      cursors.sla = pastSlas.at(-1)?.cursor ?? null;
      graph.subscribe(PursuitMovedDocument, (data) => accept({ kind: 'move', event: data.pursuitStageChanged, caughtUp: false }));
      graph.subscribe(SlaChangedDocument, (data) => accept({ kind: 'sla', event: data.slaStatusChanged, caughtUp: false }));
    },
    /** After a reconnect: every event since the last one seen; returns how many were missed. */
    async catchUp(): Promise<number> {
      const [missedMoves, missedSlas] = await Promise.all([drain(moves, cursors.move), drain(slas, cursors.sla)]);
      let missed = 0;
      for (const event of missedMoves) if (accept({ kind: 'move', event, caughtUp: true })) missed++;
      for (const event of missedSlas) if (accept({ kind: 'sla', event, caughtUp: true })) missed++;
      return missed;
    },
  };
}
