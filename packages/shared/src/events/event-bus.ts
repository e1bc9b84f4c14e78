import type { Logger } from '../log.ts';
import type { EventEnvelope } from './event-envelope.ts';

export type EventHandler = (event: EventEnvelope) => void | Promise<void>;

/** Carries published events to every subscribed process: PostgreSQL LISTEN/NOTIFY by default. */
export interface EventBus {
  publish(event: EventEnvelope): Promise<void>;
  /** Several events, in order, in one round trip; all or none are sent. */
  publishBatch(events: EventEnvelope[]): Promise<void>;
  /** Resolves once the subscription is live; the returned function unsubscribes. */
  subscribe(handler: EventHandler): Promise<() => void>;
  /**
   * Relays register here: a subscriber whose connection was lost asks, once it is back, for every
   * event published since it went away (the bus itself keeps nothing).
   */
  onReplayRequest(handler: (since: Date) => void): Promise<() => void>;
  /** Whether the subscribing side is connected now (false while it reconnects). */
  readonly connected: boolean;
  close(): Promise<void>;
}

/** How far before the moment a connection was lost a replay starts: clocks of processes differ a little. */
export const REPLAY_MARGIN_MS = 5000;

/**
 * Hands one received message to every handler: a message that is not JSON is dropped with a warning,
 * and a handler that throws or rejects is logged — neither may stop the others or the connection.
 */
export function dispatchEvent(message: string, handlers: Iterable<EventHandler>, log: Logger, channel: string): void {
  let event: EventEnvelope;
  try {
    event = JSON.parse(message) as EventEnvelope;
  } catch {
    log.warn({ channel }, 'dropped a message that is not JSON');
    return;
  }
  for (const handler of handlers) {
    Promise.resolve()
      .then(() => handler(event))
      .catch((error: unknown) => log.error({ err: error, eventId: event.id }, 'event handler failed'));
  }
}
