import { Redis } from 'ioredis';
import type { Logger } from '../log.ts';
import { REPLAY_MARGIN_MS, dispatchEvent } from './event-bus.ts';
import type { EventBus, EventHandler } from './event-bus.ts';
import { EVENT_CHANNEL } from './pg-event-bus.ts';

/**
 * The bus over Redis pub/sub, for several gateway replicas and high fan-out. ioredis reconnects and
 * subscribes again by itself; when it does, the bus asks the relays to publish again what was
 * published while it was away (`<channel>_replay`), as the PostgreSQL bus does. At least once overall
 * comes from the outbox (retries) and the consumers drop ids they have seen.
 */
export function createRedisEventBus(options: { url: string; log: Logger; channel?: string }): EventBus {
  const channel = options.channel ?? EVENT_CHANNEL;
  const replayChannel = `${channel}_replay`;
  const publisher = new Redis(options.url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  publisher.on('error', (error) => options.log.warn({ err: error }, 'redis bus publisher error'));
  let subscriber: Redis | null = null;
  let starting: Promise<void> | null = null;
  let downSince: Date | null = null;
  const handlers = new Set<EventHandler>();
  const replayHandlers = new Set<(since: Date) => void>();

  const dispatch = (message: string) => dispatchEvent(message, handlers, options.log, channel);

  async function ensurePublisher(): Promise<void> {
    if (publisher.status === 'wait') await publisher.connect();
  }

  /** One subscribing connection for both channels, started by the first subscriber of either. */
  function ensureSubscriber(): Promise<void> {
    starting ??= (async () => {
      const connection = new Redis(options.url, { lazyConnect: true });
      subscriber = connection;
      connection.on('message', (from: string, message: string) => {
        if (from === channel) return dispatch(message);
        if (from === replayChannel) {
          const since = new Date(message);
          if (!Number.isNaN(since.getTime())) for (const h of replayHandlers) h(since);
        }
      });
      connection.on('error', (error) => options.log.warn({ err: error }, 'redis bus connection error'));
      connection.on('close', () => (downSince ??= new Date()));
      connection.on('ready', () => {
        if (!downSince) return;
        const since = new Date(downSince.getTime() - REPLAY_MARGIN_MS);
        downSince = null;
        options.log.info('redis bus connection back; asking the relays for a replay');
        if (handlers.size)
          void ensurePublisher()
            .then(() => publisher.publish(replayChannel, since.toISOString()))
            .catch((error: unknown) => options.log.error({ err: error }, 'could not ask for a replay'));
      });
      await connection.connect();
      await connection.subscribe(channel, replayChannel);
    })();
    return starting;
  }

  return {
    async publish(event) {
      await ensurePublisher();
      await publisher.publish(channel, JSON.stringify(event));
    },
    async publishBatch(events) {
      if (events.length === 0) return;
      await ensurePublisher();
      const pipeline = publisher.pipeline();
      for (const event of events) pipeline.publish(channel, JSON.stringify(event));
      const results = await pipeline.exec();
      const failed = results?.find(([error]) => error);
      if (failed) throw failed[0];
    },
    async subscribe(handler) {
      handlers.add(handler);
      await ensureSubscriber();
      return () => handlers.delete(handler);
    },
    async onReplayRequest(handler) {
      replayHandlers.add(handler);
      await ensureSubscriber();
      return () => replayHandlers.delete(handler);
    },
    get connected() {
      return subscriber ? subscriber.status === 'ready' : true;
    },
    async close() {
      handlers.clear();
      replayHandlers.clear();
      await subscriber?.quit().catch(() => {});
      if (publisher.status !== 'wait') await publisher.quit().catch(() => {});
      else publisher.disconnect();
    },
  };
}
