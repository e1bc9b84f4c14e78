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
