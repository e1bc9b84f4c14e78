import pg from 'pg';
import type { Logger } from '../log.ts';
import type { EventEnvelope } from './event-envelope.ts';
import type { EventBus, EventHandler } from './event-bus.ts';

export const EVENT_CHANNEL = 'flowledger_events';

/**
 * The bus over PostgreSQL LISTEN/NOTIFY: no extra server. A notification carries one event (ids and
 * facts stay well under PostgreSQL's 8,000-byte payload limit). The listening connection reconnects
 * with backoff; events sent while it was away are not replayed here (catch-up lists cover that).
 */
export function createPgEventBus(options: { url: string; log: Logger; channel?: string }): EventBus {
  const channel = options.channel ?? EVENT_CHANNEL;
  const publisher = new pg.Pool({ connectionString: options.url, max: 2 });
  const handlers = new Set<EventHandler>();
  let listener: pg.Client | null = null;
  let connecting: Promise<void> | null = null;
  let closed = false;

  async function connect(attempt = 0): Promise<void> {
    const client = new pg.Client({ connectionString: options.url });
    client.on('notification', (message) => {
      if (message.channel !== channel || !message.payload) return;
      let event: EventEnvelope;
      try {
        event = JSON.parse(message.payload) as EventEnvelope;
      } catch {
        options.log.warn({ channel }, 'dropped a notification that is not JSON');
        return;
      }
      for (const handler of handlers) {
        Promise.resolve(handler(event)).catch((error: unknown) => options.log.error({ err: error, eventId: event.id }, 'event handler failed'));
      }
    });
    client.on('error', (error) => {
      options.log.warn({ err: error }, 'event bus connection lost; reconnecting');
      listener = null;
      if (!closed) connecting = reconnect(1);
    });
    try {
      await client.connect();
      await client.query(`listen ${channel}`);
      listener = client;
    } catch (error) {
      await client.end().catch(() => {});
      if (closed) return;
      if (attempt >= 5) throw error;
      await reconnect(attempt + 1);
    }
  }

  async function reconnect(attempt: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 100 * 2 ** attempt)));
    if (!closed) await connect(attempt);
  }

  return {
    async publish(event) {
      await publisher.query('select pg_notify($1, $2)', [channel, JSON.stringify(event)]);
    },
    async publishBatch(events) {
      if (events.length === 0) return;
      // One statement, one transaction: PostgreSQL delivers the notifications in this order, on commit.
      await publisher.query('select pg_notify($1, payload) from unnest($2::text[]) with ordinality as t(payload, n) order by n', [channel, events.map((e) => JSON.stringify(e))]);
    },
    async subscribe(handler) {
      handlers.add(handler);
      if (!listener) {
        connecting ??= connect();
        await connecting;
      }
      return () => handlers.delete(handler);
    },
    async close() {
      closed = true;
      handlers.clear();
      await listener?.end().catch(() => {});
      await publisher.end();
    },
  };
}
