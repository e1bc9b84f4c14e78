import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import pg from 'pg';
import { ManualClock, createLogger, createOrm, createOutboxRelay, inOrgScope, recordEvent, retryDelayMs, uuidv7 } from '../src/index.ts';
import type { EventBus, EventEnvelope, Orm } from '../src/index.ts';
import { createTestDatabase } from '../src/testkit/index.ts';
import type { TestDatabase } from '../src/testkit/index.ts';

const ORG = '01938000-0000-7000-8000-00000000ac01';
const MINUTE = 60_000;
const log = createLogger('test', 'silent');
let db: TestDatabase;
let orm: Orm;
let owner: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await createOrm({ name: 'relay-test', url: db.appUrl, schema: 'workstream', entities: [], poolMax: 4 });
  owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
});
afterAll(async () => {
  await owner?.end();
  await orm?.close(true);
  await db?.drop();
});
beforeEach(async () => {
  await owner.query('delete from workstream.outbox_event');
});

/** A bus that records what it is given, and fails while told to. */
function recordingBus(): EventBus & { seen: EventEnvelope[]; failing: boolean } {
  const bus = {
    seen: [] as EventEnvelope[],
    failing: false,
    async publish(event: EventEnvelope) {
      if (bus.failing) throw new Error('bus is down');
      bus.seen.push(event);
    },
    async publishBatch(events: EventEnvelope[]) {
      if (bus.failing) throw new Error('bus is down');
      bus.seen.push(...events);
    },
    async subscribe() {
      return () => {};
    },
    async onReplayRequest() {
      return () => {};
    },
    connected: true,
    async close() {},
  };
  return bus;
}

async function writeEvents(count: number, at: Date, sameInstant = false, aggregate = uuidv7(), firstSeq = 1): Promise<string[]> {
  return inOrgScope(orm, ORG, async (em) => {
    const ids: string[] = [];
    for (let seq = firstSeq; seq < firstSeq + count; seq++)
      ids.push(
        await recordEvent(em, 'workstream', {
          orgId: ORG,
          type: 'Tested',
          aggregateType: 'Thing',
          aggregateId: aggregate,
          seq,
          payload: { seq },
          occurredAt: new Date(at.getTime() + (sameInstant ? 0 : seq)),
        }),
      );
    return ids;
  });
}

const row = async (id: string) =>
  (await owner.query('select status, attempts, next_attempt_at, claimed_at from workstream.outbox_event where id = $1', [id])).rows[0];

describe('the outbox relay', () => {
  test('backoff doubles from 1 minute to a 60 minute cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 12].map((n) => retryDelayMs(n) / MINUTE)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });

  test('publishes in sequence order and marks rows published', async () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    const ids = await writeEvents(5, clock.now());
    clock.advance(1000);
    const bus = recordingBus();
    const relay = createOutboxRelay({ url: db.systemUrl, schema: 'workstream', source: 'test', bus, log, clock });
    expect(await relay.runOnce()).toEqual({ published: 5, retried: 0, dead: 0 });
    expect(bus.seen.map((e) => [e.id, e.seq, e.orgId, e.source])).toEqual(ids.map((id, i) => [id, i + 1, ORG, 'test']));
    expect((await row(ids[0]!)).status).toBe('PUBLISHED');
    expect(await relay.runOnce()).toEqual({ published: 0, retried: 0, dead: 0 });
    await relay.stop();
  });

  test('events of one aggregate that share an instant go out in sequence order', async () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    await writeEvents(30, clock.now(), true);
    clock.advance(1000);
    const bus = recordingBus();
    const relay = createOutboxRelay({ url: db.systemUrl, schema: 'workstream', source: 'test', bus, log, clock, batchSize: 7 });
    for (let i = 0; i < 6; i++) await relay.runOnce();
    expect(bus.seen.map((e) => e.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    await relay.stop();
  });

  test('two relays running together never publish one event twice', async () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    const ids = (await Promise.all(Array.from({ length: 8 }, () => writeEvents(40, clock.now())))).flat();
    clock.advance(1000);
    const [busA, busB] = [recordingBus(), recordingBus()];
    const a = createOutboxRelay({ url: db.systemUrl, schema: 'workstream', source: 'a', bus: busA, log, clock, batchSize: 25 });
    const b = createOutboxRelay({ url: db.systemUrl, schema: 'workstream', source: 'b', bus: busB, log, clock, batchSize: 25 });
    // In lockstep, each round both at once: on a loaded machine one relay could otherwise drain all
    // before the other's first connection opened, and the test would prove nothing about two.
    for (let i = 0; i < 40; i++) await Promise.all([a.runOnce(), b.runOnce()]);
    const published = [...busA.seen, ...busB.seen].map((e) => e.id);
    expect(published).toHaveLength(ids.length);
    expect(new Set(published)).toEqual(new Set(ids));
    expect(busA.seen.length).toBeGreaterThan(0);
    expect(busB.seen.length).toBeGreaterThan(0);
    await Promise.all([a.stop(), b.stop()]);
  });

  test('a failing publish backs off 1, 2, 4 … 60 minutes and parks the event as DEAD after N attempts', async () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    const [id] = await writeEvents(1, clock.now());
    clock.advance(1000);
    const bus = recordingBus();
    bus.failing = true;
    const relay = createOutboxRelay({ url: db.systemUrl, schema: 'workstream', source: 'test', bus, log, clock, maxAttempts: 9, quickRetryPausesMs: [] });
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 8; attempt++) {
      const before = clock.now().getTime();
      expect(await relay.runOnce()).toEqual({ published: 0, retried: 1, dead: 0 });
      const state = await row(id!);
      expect(state).toMatchObject({ status: 'PENDING', attempts: attempt, claimed_at: null });
      delays.push((state.next_attempt_at.getTime() - before) / MINUTE);
      // Not due before its time.
      clock.set(new Date(state.next_attempt_at.getTime() - 1));
      expect(await relay.runOnce()).toEqual({ published: 0, retried: 0, dead: 0 });
      clock.set(state.next_attempt_at);
    }
    expect(delays).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
    expect(await relay.runOnce()).toEqual({ published: 0, retried: 0, dead: 1 });
    expect(await row(id!)).toMatchObject({ status: 'DEAD', attempts: 9 });
    bus.failing = false;
    clock.advance(24 * 60 * MINUTE);
    expect(await relay.runOnce()).toEqual({ published: 0, retried: 0, dead: 0 });
    await relay.stop();
  });

  test('a claim left by a crashed relay is taken over once it is 5 minutes old', async () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    const [id] = await writeEvents(1, clock.now());
    await owner.query(`update workstream.outbox_event set claimed_at = $2, claimed_by = 'crashed-relay' where id = $1`, [id, clock.now()]);
    const bus = recordingBus();
    const relay = createOutboxRelay({ url: db.systemUrl, schema: 'workstream', source: 'test', bus, log, clock });
    clock.advance(4 * MINUTE);
    expect(await relay.runOnce()).toEqual({ published: 0, retried: 0, dead: 0 });
    clock.advance(2 * MINUTE);
    expect(await relay.runOnce()).toEqual({ published: 1, retried: 0, dead: 0 });
    expect(bus.seen.map((e) => e.id)).toEqual([id]);
    expect((await row(id!)).status).toBe('PUBLISHED');
    await relay.stop();
  });

  test('only the relay scope sees every organisation: the application role without it sees no outbox rows', async () => {
    await writeEvents(2, new Date());
    const app = new pg.Client({ connectionString: db.appUrl });
    await app.connect();
    try {
      expect((await app.query('select count(*)::int as n from workstream.outbox_event')).rows[0].n).toBe(0);
      await app.query('begin');
      await app.query(`select set_config('app.system', 'sla-scheduler', true)`);
      expect((await app.query('select count(*)::int as n from workstream.outbox_event')).rows[0].n).toBe(0);
      await app.query('rollback');
    } finally {
      await app.end();
    }
  });

  test("an aggregate's later events wait behind its failed one, so they never leave out of order", async () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    const aggregate = uuidv7();
    const [first, second, third] = await writeEvents(3, clock.now(), false, aggregate);
    clock.advance(1000);
    const bus = recordingBus();
    const relay = createOutboxRelay({ url: db.systemUrl, schema: 'workstream', source: 'test', bus, log, clock, batchSize: 1, quickRetryPausesMs: [] });
    bus.failing = true;
    expect(await relay.runOnce()).toEqual({ published: 0, retried: 1, dead: 0 });
    bus.failing = false;
    // seq 1 waits a minute for its retry; seq 2 and 3 are due but must wait with it.
    const [other] = await writeEvents(1, clock.now());
    clock.advance(1000);
    for (let i = 0; i < 3; i++) await relay.runOnce();
    expect(bus.seen.map((e) => e.id)).toEqual([other]);
    clock.advance(MINUTE);
    for (let i = 0; i < 4; i++) await relay.runOnce();
    expect(bus.seen.map((e) => e.id)).toEqual([other, first, second, third]);
    await relay.stop();
  });

  test("a round that failed half-way (its claims still standing) is retried by the relay's next round, not in 5 minutes", async () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    const [id] = await writeEvents(1, clock.now());
    const bus = recordingBus();
    const relay = createOutboxRelay({ url: db.systemUrl, schema: 'workstream', source: 'test', bus, log, clock });
    // What a connection dropped between publishing and marking leaves: a claim by this relay.
    await owner.query(`update workstream.outbox_event set claimed_at = $2, claimed_by = $3 where id = $1`, [id, clock.now(), relay.workerId]);
    clock.advance(1000);
    expect(await relay.runOnce()).toEqual({ published: 1, retried: 0, dead: 0 });
    expect((await row(id!)).status).toBe('PUBLISHED');
    await relay.stop();
  });

  test('a terminated LISTEN connection comes back, and commits wake the relay at once again', async () => {
    const bus = recordingBus();
    const relay = createOutboxRelay({ url: db.systemUrl, schema: 'workstream', source: 'test', bus, log, pollMs: 60_000 });
    await relay.start();
    expect(relay.listening).toBe(true);
    await owner.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query like 'listen %'`);
    const deadline = Date.now() + 5000;
    while (relay.listening && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    while (!relay.listening && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(relay.listening).toBe(true);
    // Polling is a minute away: an event published before then was woken by NOTIFY on the new connection.
    const [id] = await writeEvents(1, new Date());
    const written = Date.now();
    while (!bus.seen.some((e) => e.id === id) && Date.now() - written < 10_000) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(bus.seen.map((e) => e.id)).toContain(id);
    await relay.stop();
  });

  test('asked for a replay, the relay publishes again what it published since then, in position order', async () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    const ids = await writeEvents(3, clock.now());
    clock.advance(1000);
    const bus = recordingBus();
    const relay = createOutboxRelay({ url: db.systemUrl, schema: 'workstream', source: 'test', bus, log, clock });
    await relay.runOnce();
    expect(await relay.republishSince(new Date(clock.now().getTime() + 1))).toBe(0);
    expect(await relay.republishSince(new Date(clock.now().getTime() - MINUTE))).toBe(3);
    expect(bus.seen.map((e) => e.id)).toEqual([...ids, ...ids]);
    await relay.stop();
  });

  test('published events are kept for the retention period (7 days), then deleted; unpublished ones never are', async () => {
    const DAY = 24 * 60 * MINUTE;
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    const old = await writeEvents(2, clock.now());
    clock.advance(1000);
    const bus = recordingBus();
    const relay = createOutboxRelay({ url: db.systemUrl, schema: 'workstream', source: 'test', bus, log, clock, quickRetryPausesMs: [] });
    await relay.runOnce();
    clock.advance(6 * DAY);
    const recent = await writeEvents(1, clock.now());
    clock.advance(1000);
    await relay.runOnce();
    bus.failing = true;
    const stuck = await writeEvents(1, clock.now());
    clock.advance(1000);
    await relay.runOnce(); // fails: stays PENDING, retried later
    clock.advance(DAY + 2 * 60 * MINUTE);
    await relay.runOnce(); // cleans up; the stuck one fails again and stays PENDING
    const left = (await owner.query('select id, status from workstream.outbox_event')).rows;
    expect(left.map((r) => r.id).sort()).toEqual([...recent, ...stuck].sort());
    expect(left.find((r) => r.id === stuck[0])!.status).toBe('PENDING');
    await relay.stop();
    expect(old).toHaveLength(2);
  });
});
