import type { EventEnvelope } from './event-envelope.ts';

export type EventHandler = (event: EventEnvelope) => void | Promise<void>;

/** Carries published events to every subscribed process: PostgreSQL LISTEN/NOTIFY by default. */
export interface EventBus {
  publish(event: EventEnvelope): Promise<void>;
  /** Several events, in order, in one round trip; all or none are sent. */
  publishBatch(events: EventEnvelope[]): Promise<void>;
  /** Resolves once the subscription is live; the returned function unsubscribes. */
  subscribe(handler: EventHandler): Promise<() => void>;
  close(): Promise<void>;
}
