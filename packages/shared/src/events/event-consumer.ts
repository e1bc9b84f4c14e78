import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from '../db/create-orm.ts';
import { inOrgScope, inSystemScope } from '../db/org-scope.ts';
import type { Logger } from '../log.ts';
import { signContext } from '../signing/context-signature.ts';
import type { BackgroundWorker } from '../subgraph/definition.ts';
import type { EventBus } from './event-bus.ts';
import type { EventEnvelope } from './event-envelope.ts';
import { CURSOR_SCOPE } from './event-feed-sql.ts';
import { FEED_MAX_LIMIT } from './event-feed.ts';
import type { ServiceMetrics } from '../metrics/service-metrics.ts';

export interface EventConsumerOptions {
  /** Names this consumer in the cursor and inbox rows, e.g. `billing.engagements`; never rename it. */
  name: string;
  /** The consuming subgraph's schema, where its event_cursor and event_inbox tables are. */
  schema: string;
  /** The producing subgraph and where it is (its GraphQL URL; the feed is `/internal/events` beside it). */
  source: string;
  sourceUrl: () => string | undefined;
  types: string[];
  signingSecret: string;
  /** The application role's ORM: each event is applied in a transaction scoped to its organisation. */
  orm: Orm;
  /** The system scope's ORM: only to read the cursors of every organisation. */
  systemOrm: Orm;
  /** Only a wake-up: a published event of the source makes the consumer ask the feed at once. */
  bus: EventBus;
  log: Logger;
  /** The effect of one event, in the same transaction as its inbox row and the cursor's move. */
  handle: (em: EntityManager, event: EventEnvelope) => Promise<void>;
  /** The fallback when the bus is quiet or down. Default 2 s. */
  pollIntervalMs?: number;
  /** Failed attempts before an event is parked as DEAD in the inbox and its organisation moves on. Default 10. */
  maxAttempts?: number;
  /** The first retry's delay; doubling to `maxRetryDelayMs`. Defaults 500 ms and 60 s. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  feedTimeoutMs?: number;
  /** Where parked events are counted (flowledger_consumer_dead_events_total). */
  metrics?: ServiceMetrics;
}

/**
 * Durable consumption of another subgraph's events, once for every subgraph. The consumer keeps its
 * position per organisation in its own schema and asks the producer's feed for everything committed
 * after it — at start, when the bus says something was published, and every few seconds — so an event
 * published while the consumer was down is applied when it is back. Each event is applied in one
 * transaction with its inbox row (keyed by event id) and the cursor's move: delivered twice, or to two
 * replicas at once, it takes effect once. A failing event is retried with backoff; its organisation's
 * later events wait behind it (they may depend on it), other organisations go on. After `maxAttempts`
 * it is parked as DEAD in the inbox, logged as an error, and the organisation moves on.
 */
export function createEventConsumer(options: EventConsumerOptions): BackgroundWorker {
  const pollIntervalMs = options.pollIntervalMs ?? 2000;
  const maxAttempts = options.maxAttempts ?? 10;
  const firstDelay = options.retryDelayMs ?? 500;
  const maxDelay = options.maxRetryDelayMs ?? 60_000;
  const feedTimeoutMs = options.feedTimeoutMs ?? 5000;
  const types = new Set(options.types);
  const log = options.log.child({ consumer: options.name });
  const failures = new Map<string, { attempts: number; error: string }>();
  const blockedUntil = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  let unsubscribe: (() => void) | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let feedDown = false;

  async function cursors(): Promise<Record<string, string>> {
    const rows = await inSystemScope(options.systemOrm, CURSOR_SCOPE, (em) =>
      em.execute<{ org_id: string; position: string }[]>(
        `select org_id, position::text as position from ${options.schema}.event_cursor where consumer = ? and source = ?`,
        [options.name, options.source],
      ),
    );
    return Object.fromEntries(rows.map((row) => [row.org_id, row.position]));
  }

  async function fetchFeed(known: Record<string, string>): Promise<EventEnvelope[] | null> {
    const url = options.sourceUrl();
    if (!url) return null;
    const body = JSON.stringify({ types: [...types], cursors: known, limit: FEED_MAX_LIMIT });
    try {
      const response = await fetch(new URL('/internal/events', url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signContext({ secret: options.signingSecret, subgraph: options.source, context: null, body }) },
        body,
        signal: AbortSignal.timeout(feedTimeoutMs),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`);
      const answer = (await response.json()) as { events: EventEnvelope[] };
      if (feedDown) log.info({ source: options.source }, 'event feed reachable again; catching up');
      feedDown = false;
      return answer.events;
    } catch (error) {
      // Once per outage, not once per poll: the producer being away is expected, and retried.
      if (!feedDown) log.warn({ source: options.source, err: error }, 'event feed unreachable; retrying');
      feedDown = true;
      return null;
    }
  }

  /** Applies one event with its inbox row and cursor move, or records it DEAD; false when it must wait. */
  async function apply(event: EventEnvelope): Promise<boolean> {
    const failure = failures.get(event.id);
    const dead = failure !== undefined && failure.attempts >= maxAttempts;
    try {
      await inOrgScope(options.orm, event.orgId, async (em) => {
        const inserted = await em.execute<unknown[]>(
          `insert into ${options.schema}.event_inbox (org_id, consumer, event_id, source, type, position, status, attempts, last_error)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing returning 1`,
          [
            event.orgId,
            options.name,
            event.id,
            event.source,
            event.type,
            event.position,
            dead ? 'DEAD' : 'APPLIED',
            (failure?.attempts ?? 0) + 1,
            failure?.error ?? null,
          ],
        );
        if (inserted.length > 0 && !dead) await options.handle(em, event);
        await em.execute(
          `insert into ${options.schema}.event_cursor (org_id, consumer, source, position) values (?, ?, ?, ?)
           on conflict (org_id, consumer, source) do update set position = greatest(event_cursor.position, excluded.position), updated_at = now()`,
          [event.orgId, options.name, event.source, event.position],
        );
      });
      if (dead) options.metrics?.deadEvent(options.name);
      if (dead) log.error({ eventId: event.id, type: event.type, orgId: event.orgId, error: failure.error }, 'event parked as DEAD after repeated failures');
      failures.delete(event.id);
      blockedUntil.delete(event.orgId);
      return true;
    } catch (error) {
      const attempts = (failure?.attempts ?? 0) + 1;
      const message = error instanceof Error ? error.message : String(error);
      failures.set(event.id, { attempts, error: message.slice(0, 1000) });
      const delay = Math.min(maxDelay, firstDelay * 2 ** (attempts - 1));
      blockedUntil.set(event.orgId, Date.now() + delay);
      log.warn({ eventId: event.id, type: event.type, orgId: event.orgId, attempts, retryInMs: delay, err: error }, 'event failed; will retry');
      return false;
    }
  }

  /** One pass over the feed, page after page while pages come full. */
  async function round(): Promise<void> {
    for (;;) {
      const known = await cursors();
      const events = await fetchFeed(known);
      if (!events || events.length === 0) return;
      const waiting = new Set<string>();
      for (const event of events) {
        if (stopped) return;
        if (waiting.has(event.orgId) || (blockedUntil.get(event.orgId) ?? 0) > Date.now()) {
          waiting.add(event.orgId);
          continue;
        }
        if (!(await apply(event))) waiting.add(event.orgId);
      }
      // A full page may have more behind it; a page that only waited has nothing new to do now.
      if (events.length < FEED_MAX_LIMIT || waiting.size > 0) return;
    }
  }

  function wake(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await round().catch((error: unknown) => log.error({ err: error }, 'event consumer round failed; retrying'));
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    async start() {
      stopped = false;
      unsubscribe = await options.bus.subscribe((event) => {
        if (event.source === options.source && types.has(event.type)) void wake();
      });
      timer = setInterval(() => void wake(), pollIntervalMs);
      timer.unref();
      void wake();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      unsubscribe?.();
      await running;
    },
  };
}
