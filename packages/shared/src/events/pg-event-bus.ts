import type { Logger } from '../log.ts';
import { createResilientListener, createResilientPool } from '../db/resilient-pg.ts';
import type { ResilientListener } from '../db/resilient-pg.ts';
import { REPLAY_MARGIN_MS, dispatchEvent } from './event-bus.ts';
import type { EventBus, EventHandler } from './event-bus.ts';

export const EVENT_CHANNEL = 'flowledger_events';

/**
 * The bus over PostgreSQL LISTEN/NOTIFY: no extra server. A notification carries one event (ids and
 * facts stay well under PostgreSQL's 8,000-byte payload limit). The listening connection reconnects
 * forever with capped backoff; once back, it asks the relays (on `<channel>_replay`) to publish again
 * what was published while it was away, so a blip loses nothing (consumers drop ids they have seen).
 */
export function createPgEventBus(options: { url: string; log: Logger; channel?: string }): EventBus {
  const channel = options.channel ?? EVENT_CHANNEL;
  const replayChannel = `${channel}_replay`;
  const publisher = createResilientPool({ url: options.url, max: 2, log: options.log, name: 'event bus publisher' });
  const handlers = new Set<EventHandler>();
  const replayHandlers = new Set<(since: Date) => void>();
  let listener: ResilientListener | null = null;
  let replayListener: ResilientListener | null = null;

  const dispatch = (payload: string) => dispatchEvent(payload, handlers, options.log, channel);

  async function requestReplay(since: Date): Promise<void> {
    await publisher.query('select pg_notify($1, $2)', [replayChannel, since.toISOString()]).catch((error: unknown) => {
      options.log.error({ err: error }, 'could not ask the relays for a replay');
    });
  }

  return {
    async publish(event) {
      await publisher.query('select pg_notify($1, $2)', [channel, JSON.stringify(event)]);
    },
    async publishBatch(events) {
      if (events.length === 0) return;
      // One statement, one transaction: PostgreSQL delivers the notifications in this order, on commit.
      await publisher.query('select pg_notify($1, payload) from unnest($2::text[]) with ordinality as t(payload, n) order by n', [
        channel,
        events.map((e) => JSON.stringify(e)),
      ]);
    },
    async subscribe(handler) {
      handlers.add(handler);
      listener ??= createResilientListener({
        url: options.url,
        channels: [channel],
        log: options.log,
        name: 'event bus',
        onNotification: (message) => message.channel === channel && message.payload && dispatch(message.payload),
        onConnected: ({ reconnected, downSince }) => {
          if (reconnected) void requestReplay(new Date((downSince ?? new Date()).getTime() - REPLAY_MARGIN_MS));
        },
      });
      await listener.ready;
      return () => handlers.delete(handler);
    },
    async onReplayRequest(handler) {
      replayHandlers.add(handler);
      replayListener ??= createResilientListener({
        url: options.url,
        channels: [replayChannel],
        log: options.log,
        name: 'event bus replays',
        onNotification: (message) => {
          const since = new Date(message.payload ?? '');
          if (Number.isNaN(since.getTime())) return;
          for (const h of replayHandlers) h(since);
        },
      });
      await replayListener.ready;
      return () => replayHandlers.delete(handler);
    },
    get connected() {
      return listener?.connected ?? true;
    },
    async close() {
      handlers.clear();
      replayHandlers.clear();
      await listener?.close();
      await replayListener?.close();
      await publisher.end().catch(() => {});
    },
  };
}
