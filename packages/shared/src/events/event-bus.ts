import type { EventEnvelope } from './event-envelope.ts';

export type EventHandler = (event: EventEnvelope) => void | Promise<void>;

/** Carries published events to every subscribed process: PostgreSQL LISTEN/NOTIFY by default. */
export interface EventBus {
  publish(event: EventEnvelope): Promise<void>;
  /** Resolves once the subscription is live; the returned function unsubscribes. */
  subscribe(handler: EventHandler): Promise<() => void>;
  close(): Promise<void>;
}
