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
 * A message's first human open and first click, stamped once (`is null` under the row's lock), each
 * with EngagementRecorded in the outbox — in the batch's transaction, so the event exists exactly when
 * the hit does. Bots and machine opens never count as a first.
 */
const STAMP_FIRSTS = `with firsts as (
    select h.message_id, min(h.at) filter (where h.kind = 'OPEN') as open_at, min(h.at) filter (where h.kind = 'CLICK') as click_at
    from jsonb_to_recordset($1::jsonb) as h(message_id uuid, kind text, at timestamptz) group by 1
  ), current as (
    select m.id, m.first_human_open_at as had_open, m.first_click_at as had_click
    from tracking.tracked_message m join firsts f on f.message_id = m.id for update of m
  ), stamped as (
    update tracking.tracked_message m set
      first_human_open_at = coalesce(c.had_open, f.open_at),
      first_click_at = coalesce(c.had_click, f.click_at),
      event_seq = m.event_seq + (c.had_open is null and f.open_at is not null)::int + (c.had_click is null and f.click_at is not null)::int,
      updated_at = now()
    from firsts f join current c on c.id = f.message_id
    where m.id = f.message_id and ((c.had_open is null and f.open_at is not null) or (c.had_click is null and f.click_at is not null))
    returning m.id, m.org_id, m.contact_id, m.pursuit_id, m.proposal_id, m.event_seq, c.had_open, c.had_click, f.open_at, f.click_at
  ), firsts_made as (
    select s.*, 'FIRST_OPEN' as first, s.open_at as at, s.event_seq - (s.had_click is null and s.click_at is not null)::int as seq
      from stamped s where s.had_open is null and s.open_at is not null
    union all
    select s.*, 'FIRST_CLICK', s.click_at, s.event_seq from stamped s where s.had_click is null and s.click_at is not null
  ), recorded as (
    insert into tracking.outbox_event (id, org_id, aggregate_type, aggregate_id, seq, type, payload, occurred_at, next_attempt_at)
    select gen_random_uuid(), e.org_id, 'TrackedMessage', e.id, e.seq, 'EngagementRecorded',
      jsonb_build_object('messageId', e.id, 'kind', e.first, 'contactId', e.contact_id, 'pursuitId', e.pursuit_id, 'proposalId', e.proposal_id, 'at', e.at),
      e.at, least(e.at, now())
    from firsts_made e
    returning 1
  )
  select count(*) as n, pg_notify('flowledger_outbox_tracking', '') from recorded`;

async function recordFirsts(client: { query(text: string, values?: unknown[]): Promise<unknown> }, hits: Hit[]): Promise<void> {
  const human = hits.filter((h) => !h.isBot && !h.machine).map((h) => ({ message_id: h.messageId, kind: h.kind, at: h.at.toISOString() }));
  if (human.length > 0) await client.query(STAMP_FIRSTS, [JSON.stringify(human)]);
}

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
  const maxInFlight = options.inFlight ?? 4;
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
      await recordFirsts(
        client,
        batch.map((p) => p.hit),
      );
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
