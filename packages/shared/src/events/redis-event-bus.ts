import { Redis } from 'ioredis';
import type { Logger } from '../log.ts';
import type { EventEnvelope } from './event-envelope.ts';
import type { EventBus, EventHandler } from './event-bus.ts';
import { EVENT_CHANNEL } from './pg-event-bus.ts';

/**
 * The bus over Redis pub/sub, for several gateway replicas and high fan-out. Like the PostgreSQL bus
 * it is at most once per connection; at least once overall comes from the outbox (retries) and the
 * consumers drop ids they have seen.
 */
export function createRedisEventBus(options: { url: string; log: Logger; channel?: string }): EventBus {
  const channel = options.channel ?? EVENT_CHANNEL;
  const publisher = new Redis(options.url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  let subscriber: Redis | null = null;
  const handlers = new Set<EventHandler>();

  return {
    async publish(event) {
      if (publisher.status === 'wait') await publisher.connect();
      await publisher.publish(channel, JSON.stringify(event));
    },
    async publishBatch(events) {
      if (events.length === 0) return;
      if (publisher.status === 'wait') await publisher.connect();
      const pipeline = publisher.pipeline();
      for (const event of events) pipeline.publish(channel, JSON.stringify(event));
      const results = await pipeline.exec();
      const failed = results?.find(([error]) => error);
      if (failed) throw failed[0];
    },
    async subscribe(handler) {
      handlers.add(handler);
      if (!subscriber) {
        subscriber = new Redis(options.url, { lazyConnect: true });
        subscriber.on('message', (from: string, message: string) => {
          if (from !== channel) return;
          let event: EventEnvelope;
          try {
            event = JSON.parse(message) as EventEnvelope;
          } catch {
            options.log.warn({ channel }, 'dropped a message that is not JSON');
            return;
          }
          for (const h of handlers) Promise.resolve(h(event)).catch((error: unknown) => options.log.error({ err: error, eventId: event.id }, 'event handler failed'));
        });
        subscriber.on('error', (error) => options.log.warn({ err: error }, 'redis bus connection error'));
        await subscriber.connect();
        await subscriber.subscribe(channel);
      }
      return () => handlers.delete(handler);
    },
    async close() {
      handlers.clear();
      await subscriber?.quit().catch(() => {});
      if (publisher.status !== 'wait') await publisher.quit().catch(() => {});
      else publisher.disconnect();
    },
  };
}
