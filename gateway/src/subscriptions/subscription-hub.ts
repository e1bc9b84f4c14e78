import { passesFilter, uuidv7 } from '@flowledger/shared';
import type { EventEnvelope, Logger, OrgContext } from '@flowledger/shared';
import type { PreparedSubscription } from './prepare-subscription.ts';

/** One subscription of one socket. */
export interface Subscriber {
  org: OrgContext;
  prepared: PreparedSubscription;
  /** Everything that decides the result: organisation, authorization, lookup query, its variables. */
  shareKey: string;
  /** Sends an already serialised `payload` (a GraphQL result) to this subscriber. */
  deliver(payloadJson: string): void;
}

/** Runs a lookup query through the gateway's own execution; resolves to the serialised result, or null to skip. */
export type LookupExecutor = (options: { query: string; variables: Record<string, unknown>; org: OrgContext }) => Promise<string | null>;

export function shareKeyOf(org: OrgContext, prepared: PreparedSubscription): string {
  return JSON.stringify([org.orgId, [...org.roles].sort(), prepared.query, prepared.variables]);
}

/**
 * Fans events out to the subscribers of this gateway process. For each event: drop it if this process
 * delivered its id already (the bus is at least once); pick the subscribers of its type and
 * organisation whose filter passes its facts — before any resolution; group them by share key; resolve
 * each group once, serialise once, send to all. Events of one organisation are handled in arrival
 * order (one chain per organisation); organisations proceed in parallel.
 */
export class SubscriptionHub {
  private readonly byType = new Map<string, Set<Subscriber>>();
  private readonly seen = new Set<string>();
  private readonly chains = new Map<string, Promise<void>>();
  private readonly execute: LookupExecutor;
  private readonly log: Logger;
  private readonly dedupeWindow: number;
  /** Lookups run, for tests and metrics: the downstream cost of events. */
  readonly stats = { events: 0, duplicates: 0, lookups: 0, deliveries: 0 };

  constructor(options: { execute: LookupExecutor; log: Logger; dedupeWindow?: number }) {
    this.execute = options.execute;
    this.log = options.log;
    this.dedupeWindow = options.dedupeWindow ?? 10_000;
  }

  add(subscriber: Subscriber): void {
    const set = this.byType.get(subscriber.prepared.eventType) ?? new Set();
    set.add(subscriber);
    this.byType.set(subscriber.prepared.eventType, set);
  }

  remove(subscriber: Subscriber): void {
    this.byType.get(subscriber.prepared.eventType)?.delete(subscriber);
  }

  get size(): number {
    let n = 0;
    for (const set of this.byType.values()) n += set.size;
    return n;
  }

  /** The bus handler. Returns when this event has been delivered (tests await it; the bus does not). */
  publish(event: EventEnvelope): Promise<void> {
    if (this.seen.has(event.id)) {
      this.stats.duplicates++;
      return Promise.resolve();
    }
    this.seen.add(event.id);
    if (this.seen.size > this.dedupeWindow) this.seen.delete(this.seen.values().next().value!);
    this.stats.events++;
    const previous = this.chains.get(event.orgId) ?? Promise.resolve();
    const next = previous.then(() => this.fanOut(event)).catch((error: unknown) => this.log.error({ err: error, eventId: event.id }, 'event fan-out failed'));
    this.chains.set(event.orgId, next);
    void next.finally(() => this.chains.get(event.orgId) === next && this.chains.delete(event.orgId));
    return next;
  }

  private async fanOut(event: EventEnvelope): Promise<void> {
    const groups = new Map<string, Subscriber[]>();
    for (const subscriber of this.byType.get(event.type) ?? []) {
      if (subscriber.org.orgId !== event.orgId || !passesFilter(subscriber.prepared.filter, event.payload)) continue;
      const group = groups.get(subscriber.shareKey);
      if (group) group.push(subscriber);
      else groups.set(subscriber.shareKey, [subscriber]);
    }
    await Promise.all(
      [...groups.values()].map(async (group) => {
        const first = group[0]!;
        this.stats.lookups++;
        // The shared execution runs with its first subscriber's context, which holds no per-user secret.
        const payload = await this.execute({
          query: first.prepared.query,
          variables: { ...first.prepared.variables, [first.prepared.eventIdVariable]: event.id },
          org: { ...first.org, requestId: uuidv7() },
        });
        if (payload === null) return;
        for (const subscriber of group) subscriber.deliver(payload);
        this.stats.deliveries += group.length;
      }),
    );
  }
}
