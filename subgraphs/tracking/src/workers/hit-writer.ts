import { createResilientPool, uuidv7 } from '@flowledger/shared';
import type { BackgroundWorker, Logger } from '@flowledger/shared';
import type { HitScore } from '../domain/hit-score.ts';

export interface Hit extends HitScore {
  orgId: string;
  messageId: string;
  kind: 'OPEN' | 'CLICK';
  linkPosition: number | null;
  at: Date;
  ip: string | null;
  userAgent: string | null;
}

export interface HitWriter extends BackgroundWorker {
  /** Resolves true once the batch holding the hit has committed; false when it was dropped (buffer full, database away). */
  record(hit: Hit): Promise<boolean>;
  readonly stats: { recorded: number; dropped: number; batches: number; buffered: number };
}

interface Pending {
  hit: Hit;
  resolve: (stored: boolean) => void;
}

/** One statement per batch: hits of any organisation, kept only where their message is that organisation's. */
const INSERT_BATCH = `insert into tracking.tracking_hit (id, org_id, message_id, link_position, kind, at, ip, user_agent, is_bot, machine, reasons, score)
  select h.id, h.org_id, h.message_id, h.link_position, h.kind, h.at, h.ip, h.user_agent, h.is_bot, h.machine, h.reasons, h.score
  from jsonb_to_recordset($1::jsonb) as h(id uuid, org_id uuid, message_id uuid, link_position integer, kind text, at timestamptz,
    ip text, user_agent text, is_bot boolean, machine boolean, reasons text[], score integer)
  join tracking.tracked_message m on m.org_id = h.org_id and m.id = h.message_id`;

/**
 * Group commit for the hit path: hits wait in a bounded buffer; while one batch commits the next
 * gathers, so under load a commit carries hundreds of hits and at rest a hit waits one round trip.
 * A hit's request is answered only after its batch committed — an answered hit is never lost, even to
 * `kill -9`. When the buffer is full or the database is away (for a second after a failed batch),
 * hits are dropped at once — the pixel and the redirect still answer — and counted, and logged once
 * per outage. Writes as the system scope (`tracking-hits`): the one policy that lets it insert hits of
 * every organisation.
 */
export function createHitWriter(options: { systemUrl: string; log: Logger; batchSize?: number; maxBuffer?: number; inFlight?: number }): HitWriter {
  const batchSize = options.batchSize ?? 1000;
  const maxBuffer = options.maxBuffer ?? 50_000;
  const maxInFlight = options.inFlight ?? 2;
  const log = options.log.child({ worker: 'hit-writer' });
  const pool = createResilientPool({ url: options.systemUrl, max: maxInFlight + 1, log, name: 'tracking hits' });
  const stats = { recorded: 0, dropped: 0, batches: 0, buffered: 0 };
  let queue: Pending[] = [];
  let inFlight = 0;
  let awayUntil = 0;
  let stopped = false;
  let partitions: NodeJS.Timeout | undefined;
  const idle: (() => void)[] = [];

  const drop = (count: number, why: string) => {
    if (stats.dropped === 0 || awayUntil <= Date.now()) log.error({ count, why, droppedSoFar: stats.dropped + count }, 'tracking hits dropped');
    stats.dropped += count;
  };

  async function flush(batch: Pending[]): Promise<void> {
    const client = await pool.connect();
    try {
      await client.query(`begin; select set_config('app.system', 'tracking-hits', true)`);
      const rows = batch.map(({ hit }) => ({
        id: uuidv7(hit.at.getTime()),
        org_id: hit.orgId,
        message_id: hit.messageId,
        link_position: hit.linkPosition,
        kind: hit.kind,
        at: hit.at.toISOString(),
        ip: hit.ip,
        user_agent: hit.userAgent?.slice(0, 512) ?? null,
        is_bot: hit.isBot,
        machine: hit.machine,
        reasons: hit.reasons,
        score: hit.score,
      }));
      await client.query(INSERT_BATCH, [JSON.stringify(rows)]);
      await client.query('commit');
      client.release();
    } catch (error) {
      client.release(true);
      throw error;
    }
  }

  function kick(): void {
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch = queue.splice(0, batchSize);
      stats.buffered = queue.length;
      inFlight++;
      flush(batch)
        .then(() => {
          stats.recorded += batch.length;
          stats.batches++;
          for (const p of batch) p.resolve(true);
        })
        .catch((error: unknown) => {
          drop(batch.length, error instanceof Error ? error.message : String(error));
          awayUntil = Date.now() + 1000;
          for (const p of batch) p.resolve(false);
        })
        .finally(() => {
          inFlight--;
          if (queue.length > 0) kick();
          else if (inFlight === 0) for (const done of idle.splice(0)) done();
        });
    }
  }

  const ensurePartitions = () =>
    pool
      .query('select tracking.ensure_hit_partitions(24)')
      .catch((error: unknown) => log.warn({ err: error }, 'could not create hit partitions ahead; the default partition takes hits meanwhile'));

  return {
    stats,
    record(hit) {
      if (stopped || queue.length >= maxBuffer || awayUntil > Date.now()) {
        drop(1, stopped ? 'stopping' : queue.length >= maxBuffer ? 'buffer full' : 'database away');
        return Promise.resolve(false);
      }
      return new Promise<boolean>((resolve) => {
        queue.push({ hit, resolve });
        stats.buffered = queue.length;
        // The next tick: hits of the same moment travel in one batch.
        if (queue.length === 1 || queue.length >= batchSize) setImmediate(kick);
      });
    },
    async start() {
      stopped = false;
      await ensurePartitions();
      partitions = setInterval(() => void ensurePartitions(), 24 * 3_600_000);
      partitions.unref();
    },
    async stop() {
      stopped = true;
      if (partitions) clearInterval(partitions);
      if (queue.length > 0 || inFlight > 0) await new Promise<void>((resolve) => idle.push(resolve));
      await pool.end();
    },
  };
}

/** The process's hit writer, for the public routes (set by the worker at start). */
export const hitWriterSlot: { current: HitWriter | null } = { current: null };
