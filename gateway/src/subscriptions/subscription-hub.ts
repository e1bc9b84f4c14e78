import { passesFilter, uuidv7 } from '@flowledger/shared';
import type { EventEnvelope, Logger, OrgContext } from '@flowledger/shared';
import { mergeLookups } from './merge-lookups.ts';
import type { PreparedSubscription } from './prepare-subscription.ts';

type Send = () => void;

/** One subscription of one socket. */
export interface Subscriber {
  org: OrgContext;
  prepared: PreparedSubscription;
  /** Everything that decides the result: organisation, authorization, lookup query, its variables. */
  shareKey: string;
  /** Sends an already serialised `payload` (a GraphQL result) to this subscriber. */
  deliver(payloadJson: string): void;
  /** Ends this subscription with errors: its selection cannot be resolved (it is removed from the hub first). */
  fail(errors: readonly unknown[]): void;
}

/** Runs a lookup query through the gateway's own execution; resolves to its result, or null to skip. */
export type LookupExecutor = (options: { query: string; variables: Record<string, unknown>; org: OrgContext }) => Promise<LookupResult | null>;

export interface LookupResult {
  data?: Record<string, unknown> | null;
  errors?: readonly { message?: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** An execution that produced no data at all: the operation itself was refused (validation, limits). */
const refusedWhole = (result: LookupResult) => !result.data && Boolean(result.errors?.length) && result.errors!.every((e) => !e.path);

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
  /** For tests and metrics: `lookups` counts selections resolved, `executions` the operations run for them. */
  readonly stats = { events: 0, duplicates: 0, lookups: 0, executions: 0, deliveries: 0, arrivalLagMs: 0, fanOutMs: 0, executeMs: 0 };
  private readonly merges = new Map<string, ReturnType<typeof mergeLookups>>();

  private readonly maxMerged: number;

  constructor(options: { execute: LookupExecutor; log: Logger; dedupeWindow?: number; maxMergedSelections?: number }) {
    this.execute = options.execute;
    this.log = options.log;
    this.dedupeWindow = options.dedupeWindow ?? 10_000;
    // Merged lookups stay well inside the gateway's limits (aliases, cost): one client's many
    // selections must never make an operation that fails for every other subscriber.
    this.maxMerged = options.maxMergedSelections ?? 8;
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
    this.stats.arrivalLagMs += Math.max(0, Date.now() - Date.parse(event.occurredAt));
    // Resolution starts at once (events overlap); only the sending is chained per organisation, so
    // its subscribers still see its events in arrival order.
    const started = performance.now();
    const resolved = this.resolve(event).catch((error: unknown) => {
      this.log.error({ err: error, eventId: event.id }, 'event resolution failed');
      return [] as Send[];
    });
    const previous = this.chains.get(event.orgId) ?? Promise.resolve();
    // A failure while sending one event must not stop the ones queued behind it.
    const next = previous
      .then(async () => {
        for (const send of await resolved) send();
        this.stats.fanOutMs += performance.now() - started;
      })
      .catch((error: unknown) => this.log.error({ err: error, eventId: event.id }, 'event delivery failed'));
    this.chains.set(event.orgId, next);
    void next.finally(() => this.chains.get(event.orgId) === next && this.chains.delete(event.orgId));
    return next;
  }

  /** Resolves an event for every group that wants it; returns the sends, to run in order later. */
  private async resolve(event: EventEnvelope): Promise<Send[]> {
    const sends: Send[] = [];
    const groups = new Map<string, Subscriber[]>();
    for (const subscriber of this.byType.get(event.type) ?? []) {
      if (subscriber.org.orgId !== event.orgId || !passesFilter(subscriber.prepared.filter, event.payload)) continue;
      const group = groups.get(subscriber.shareKey);
      if (group) group.push(subscriber);
      else groups.set(subscriber.shareKey, [subscriber]);
    }
    // Groups that differ only in their selection run as one merged execution per context.
    const byContext = new Map<string, Subscriber[][]>();
    for (const group of groups.values()) {
      const context = JSON.stringify([group[0]!.org.orgId, [...group[0]!.org.roles].sort()]);
      byContext.set(context, [...(byContext.get(context) ?? []), group]);
    }
    const chunks: Subscriber[][][] = [];
    for (const contextGroups of byContext.values()) {
      for (let i = 0; i < contextGroups.length; i += this.maxMerged) chunks.push(contextGroups.slice(i, i + this.maxMerged));
    }
    await Promise.all(chunks.map(async (chunk) => sends.push(...(await this.resolveMerged(chunk, event)))));
    return sends;
  }

  /** Several groups of one context in one execution; a refused merge falls back to each alone. */
  private async resolveMerged(chunk: Subscriber[][], event: EventEnvelope): Promise<Send[]> {
    const alone = async () => (await Promise.all(chunk.map((group) => this.resolveAlone(group, event)))).flat();
    if (chunk.length === 1) return alone();
    const mergeKey = chunk.map((g) => g[0]!.shareKey).join('\n');
    let merged = this.merges.get(mergeKey);
    if (merged === undefined) {
      merged = mergeLookups(chunk.map((g) => g[0]!.prepared));
      if (this.merges.size >= 1000) this.merges.delete(this.merges.keys().next().value!);
      this.merges.set(mergeKey, merged);
    }
    if (!merged) return alone();
    const first = chunk[0]![0]!;
    this.stats.lookups += chunk.length;
    this.stats.executions++;
    const executing = performance.now();
    const result = await this.execute({ query: merged.query, variables: { [merged.eventIdVariable]: event.id }, org: { ...first.org, requestId: uuidv7() } });
    this.stats.executeMs += performance.now() - executing;
    if (!result) return [];
    if (refusedWhole(result)) {
      // One selection spoils the merge for the others: never merge these again; each runs alone, and
      // only the one at fault fails.
      this.merges.set(mergeKey, null);
      return alone();
    }
    const sends: Send[] = [];
    chunk.forEach((group, i) => {
      const alias = merged.aliases[i]!;
      const errors = result.errors
        ?.filter((e) => e.path?.[0] === alias)
        .map((e) => ({ ...e, path: [group[0]!.prepared.responseKey, ...(e.path ?? []).slice(1)] }));
      const value = result.data?.[alias] ?? null;
      if (value === null && !errors?.length) return;
      sends.push(this.sender(group, { data: { [group[0]!.prepared.responseKey]: value }, ...(errors?.length ? { errors } : {}) }));
    });
    return sends;
  }

  private async resolveAlone(group: Subscriber[], event: EventEnvelope): Promise<Send[]> {
    const first = group[0]!;
    this.stats.lookups++;
    this.stats.executions++;
    // The shared execution runs with its first subscriber's context, which holds no per-user secret.
    const result = await this.execute({
      query: first.prepared.query,
      variables: { ...first.prepared.variables, [first.prepared.eventIdVariable]: event.id },
      org: { ...first.org, requestId: uuidv7() },
    });
    if (!result) return [];
    if (refusedWhole(result)) {
      // Its operation is refused as a whole (limits, validation): it can never be resolved, so it ends.
      const errors = result.errors!.map((e) => ({
        message: e.message ?? 'the subscription cannot be resolved',
        extensions: { code: (e.extensions?.code as string | undefined) ?? 'GRAPHQL_VALIDATION_FAILED' },
      }));
      return [() => group.forEach((subscriber) => subscriber.fail(errors))];
    }
    if (!result.errors && Object.values(result.data ?? {}).every((value) => value === null)) return [];
    return [this.sender(group, result)];
  }

  /** Serialises once (now); the returned function sends to every subscriber of the group. */
  private sender(group: Subscriber[], result: LookupResult): Send {
    const payload = JSON.stringify(result);
    return () => {
      for (const subscriber of group) subscriber.deliver(payload);
      this.stats.deliveries += group.length;
    };
  }
}
