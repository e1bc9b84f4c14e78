import type pg from 'pg';
import { systemClock } from '../clock.ts';
import { createResilientListener, createResilientPool } from '../db/resilient-pg.ts';
import type { ResilientListener } from '../db/resilient-pg.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../log.ts';
import { retryDelayMs } from './backoff.ts';
import type { EventBus } from './event-bus.ts';
import type { EventEnvelope } from './event-envelope.ts';
import { claimDueSql } from './outbox-claim-sql.ts';
import { outboxChannel } from './outbox-sql.ts';

export interface OutboxRelayOptions {
  /** The application role's URL; the relay works in the system scope `outbox-relay`. */
  url: string;
  /** The subgraph's schema, whose `outbox_event` table it drains. */
  schema: string;
  /** Named on every envelope as its source. */
  source: string;
  bus: EventBus;
  log: Logger;
  /** Unique per relay: a claim names its holder. Default: a random id. */
  workerId?: string;
  clock?: Clock;
  /** A publish that failed this many times parks the event as DEAD. Default 10. */
  maxAttempts?: number;
  /** Rows claimed per round. Default 100. */
  batchSize?: number;
  /** A claim older than this belongs to a crashed relay and is taken over. Default 5 min. */
  staleClaimMs?: number;
  /** Fallback polling when no notification arrives. Default 5 s. */
  pollMs?: number;
  /** Published events stay this long for the catch-up lists, then go. Default 7 days. */
  retentionMs?: number;
  /** Pauses between quick publish retries before a failure counts as an attempt. Default [100, 400] ms. */
  quickRetryPausesMs?: number[];
}

export interface RelayRound {
  published: number;
  retried: number;
  dead: number;
}

interface OutboxRow {
  id: string;
  position: string;
  org_id: string;
  aggregate_type: string;
  aggregate_id: string;
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  occurred_at: Date;
  attempts: number;
  /** Publishing order within one claim (positions count per organisation). */
  rank?: string;
}

/**
 * Moves committed outbox rows to the bus. A round claims due rows atomically (FOR UPDATE SKIP LOCKED,
 * then a claim stamp, so two relays never take the same row), publishes them in occurrence order,
 * then marks each published, or schedules its retry with backoff, or parks it as DEAD.
 * Woken by the writers' NOTIFY on commit; polling is only the fallback.
 */
export function createOutboxRelay(options: OutboxRelayOptions) {
  const clock = options.clock ?? systemClock;
  const workerId = options.workerId ?? `relay-${Math.random().toString(36).slice(2, 10)}`;
  const maxAttempts = options.maxAttempts ?? 10;
  const batchSize = options.batchSize ?? 100;
  const staleClaimMs = options.staleClaimMs ?? 5 * 60_000;
  const table = `${options.schema}.outbox_event`;
  const pool = createResilientPool({ url: options.url, max: 2, log: options.log, name: `${options.source} outbox relay` });

  async function inRelayScope<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query(`begin; select set_config('app.system', 'outbox-relay', true)`);
      const result = await work(client);
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      // A connection that cannot even roll back is dead: the pool must not hand it out again.
      client.release(broken);
    }
  }

  /**
   * A publish that fails on a dropped connection usually succeeds on the next one: try a few times
   * within a second before the failure counts as an attempt (whose retry waits a minute or more).
   */
  async function publishWithQuickRetries(events: EventEnvelope[]): Promise<void> {
    for (const pause of [...(options.quickRetryPausesMs ?? [100, 400]), 0]) {
      try {
        return await options.bus.publishBatch(events);
      } catch (error) {
        if (pause === 0 || stopped) throw error;
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  const retentionMs = options.retentionMs ?? 7 * 24 * 3_600_000;
  let lastCleanup = 0;

  /** At most hourly: published events older than the retention period go. */
  async function cleanUp(now: Date): Promise<void> {
    if (now.getTime() - lastCleanup < 3_600_000) return;
    lastCleanup = now.getTime();
    await inRelayScope((client) =>
      client.query(`delete from ${table} where status = 'PUBLISHED' and published_at < $1`, [new Date(now.getTime() - retentionMs)]),
    );
  }

  async function runOnce(): Promise<RelayRound> {
    const now = clock.now();
    await cleanUp(now);
    const claimed = await inRelayScope(async (client) => {
      // Claims commit one at a time, so positions are handed out in the order readers can see them.
      await client.query(`select pg_advisory_xact_lock(hashtext($1))`, [`flowledger:outbox:${table}`]);
      const { rows } = await client.query<OutboxRow>(claimDueSql(options.schema), [now, new Date(now.getTime() - staleClaimMs), batchSize, workerId]);
      // Events of one aggregate often share a millisecond (a transition and PursuitWon): seq decides.
      return rows.sort((a, b) => Number(a.rank) - Number(b.rank));
    });
    if (claimed.length === 0) return { published: 0, retried: 0, dead: 0 };

    // One round trip for the whole batch; if it fails, every row of it is retried with backoff.
    let ok: string[] = [];
    let failed: { row: OutboxRow; error: string }[] = [];
    try {
      await publishWithQuickRetries(claimed.map((row) => toEnvelope(row, options.source)));
      ok = claimed.map((row) => row.id);
    } catch (error) {
      failed = claimed.map((row) => ({ row, error: error instanceof Error ? error.message : String(error) }));
    }
    let dead = 0;
    await inRelayScope(async (client) => {
      if (ok.length) {
        await client.query(
          `update ${table} set status = 'PUBLISHED', published_at = $2, claimed_at = null, claimed_by = null where id = any($1) and claimed_by = $3`,
          [ok, clock.now(), workerId],
        );
      }
      for (const { row, error } of failed) {
        const attempts = row.attempts + 1;
        const isDead = attempts >= maxAttempts;
        if (isDead) dead++;
        await client.query(
          `update ${table} set attempts = $2, status = $3, next_attempt_at = $4, last_error = $5, claimed_at = null, claimed_by = null where id = $1 and claimed_by = $6`,
          [row.id, attempts, isDead ? 'DEAD' : 'PENDING', new Date(now.getTime() + retryDelayMs(attempts)), error.slice(0, 1000), workerId],
        );
        options.log.warn({ eventId: row.id, type: row.type, attempts, dead: isDead, error }, 'publish failed');
      }
    });
    return { published: ok.length, retried: failed.length - dead, dead };
  }

  let listener: ResilientListener | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  let unsubscribeReplays: (() => void) | null = null;

  /**
   * A consumer whose bus connection was away asks for what was published meanwhile: published events
   * since then go out again, in position order (consumers drop the ids they have already handled).
   */
  async function republishSince(since: Date): Promise<number> {
    const rows = await inRelayScope(async (client) => {
      const { rows } = await client.query<OutboxRow>(
        `select id, position, org_id, aggregate_type, aggregate_id, seq, type, payload, occurred_at, attempts from ${table}
         where status = 'PUBLISHED' and published_at >= $1 order by org_id, position limit 10000`,
        [since],
      );
      return rows;
    });
    for (let i = 0; i < rows.length; i += 500) await publishWithQuickRetries(rows.slice(i, i + 500).map((row) => toEnvelope(row, options.source)));
    if (rows.length) options.log.info({ since: since.toISOString(), events: rows.length }, 'republished events for a consumer that reconnected');
    return rows.length;
  }

  /** Runs rounds until one finds nothing; a wake-up during a round schedules one more. */
  function wake(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          const round = await runOnce();
          if (round.published + round.retried + round.dead === batchSize) again = true;
        } catch (error) {
          options.log.error({ err: error }, 'outbox round failed');
        }
      } while (again && !stopped);
      running = null;
    })();
  }

  return {
    workerId,
    runOnce,
    /** Whether commits wake the relay at once (else it is polling while its LISTEN reconnects). */
    get listening(): boolean {
      return listener?.connected ?? false;
    },
    republishSince,
    async start(): Promise<void> {
      listener = createResilientListener({
        url: options.url,
        channels: [outboxChannel(options.schema)],
        log: options.log,
        name: `${options.source} outbox`,
        onNotification: wake,
        // Commits made while the listener was away woke nobody: a round now catches up on them.
        onConnected: wake,
      });
      timer = setInterval(wake, options.pollMs ?? 5000);
      await listener.ready;
      unsubscribeReplays =
        (await options.bus.onReplayRequest?.(
          (since) => void republishSince(since).catch((error: unknown) => options.log.error({ err: error }, 'replay failed')),
        )) ?? null;
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearInterval(timer);
      unsubscribeReplays?.();
      await running;
      await listener?.close();
      await pool.end();
    },
  };
}

export type OutboxRelay = ReturnType<typeof createOutboxRelay>;

function toEnvelope(row: OutboxRow, source: string): EventEnvelope {
  return {
    id: row.id,
    position: row.position,
    orgId: row.org_id,
    source,
    type: row.type,
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    seq: row.seq,
    occurredAt: row.occurred_at.toISOString(),
    payload: row.payload,
  };
}
