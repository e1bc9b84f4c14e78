import { afterAll, describe, expect, test } from '@jest/globals';
import pg from 'pg';
import { Redis } from 'ioredis';
import { startFullGraph } from '@flowledger/devtools/testing';
import type { FullGraph } from '@flowledger/devtools/testing';
import { createLogger, createPgEventBus, createRedisEventBus, uuidv7 } from '@flowledger/shared';
import type { EventBus, EventEnvelope } from '@flowledger/shared';
import { createTestDatabase, waitFor } from '@flowledger/shared/testkit';
import { newPursuit } from '../../e2e/workstream-helpers.ts';
import { subscribe, untilSubscribed } from './subscription-client.ts';

const log = createLogger('test', 'silent');
const redisUrl = process.env.REDIS_URL;

function envelope(): EventEnvelope {
  return {
    id: uuidv7(),
    position: '1',
    orgId: uuidv7(),
    source: 'test',
    type: 'Tested',
    aggregateType: 'Thing',
    aggregateId: uuidv7(),
    seq: 1,
    occurredAt: new Date().toISOString(),
    payload: { n: 1 },
  };
}

/** Every subscriber of every bus instance receives a published event once. */
async function roundTrip(makeBus: () => EventBus): Promise<void> {
  const [a, b] = [makeBus(), makeBus()];
  try {
    const got: [string, EventEnvelope][] = [];
    await a.subscribe((e) => void got.push(['a', e]));
    await b.subscribe((e) => void got.push(['b', e]));
    const event = envelope();
    await a.publish(event);
    const deadline = Date.now() + 2000;
    while (got.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(got.map(([who, e]) => [who, e.id]).sort()).toEqual([
      ['a', event.id],
      ['b', event.id],
    ]);
    expect(got[0]![1]).toEqual(event);
    // A batch arrives whole and in order.
    got.length = 0;
    const batch = [envelope(), envelope(), envelope()];
    await b.publishBatch(batch);
    const until = Date.now() + 2000;
    while (got.length < 6 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(got.filter(([who]) => who === 'a').map(([, e]) => e.id)).toEqual(batch.map((e) => e.id));
  } finally {
    await a.close();
    await b.close();
  }
}

const until = (condition: () => boolean, timeoutMs = 5000) =>
  waitFor(condition, { timeoutMs }).then(
    () => true,
    () => false,
  );

/**
 * A subscriber whose connection is cut reconnects by itself and then asks the relays for what was
 * published while it was away; what they publish again reaches it.
 */
async function survivesACut(makeBus: () => EventBus, cut: () => Promise<void>): Promise<void> {
  const [subscriberBus, relayBus] = [makeBus(), makeBus()];
  try {
    const got: string[] = [];
    await subscriberBus.subscribe((e) => void got.push(e.id));
    const missed = envelope();
    const replays: Date[] = [];
    await relayBus.onReplayRequest((since) => {
      replays.push(since);
      void relayBus.publish(missed); // what a relay does: publish again what went out since then
    });
    const cutAt = Date.now();
    await cut();
    expect(await until(() => !subscriberBus.connected, 3000)).toBe(true);
    expect(await until(() => subscriberBus.connected)).toBe(true);
    expect(await until(() => got.includes(missed.id))).toBe(true);
    expect(replays).toHaveLength(1);
    expect(replays[0]!.getTime()).toBeLessThanOrEqual(cutAt);
    // And the live path works again.
    const after = envelope();
    await relayBus.publish(after);
    expect(await until(() => got.includes(after.id))).toBe(true);
  } finally {
    await subscriberBus.close();
    await relayBus.close();
  }
}

describe('the PostgreSQL LISTEN/NOTIFY bus (the default)', () => {
  test('a terminated listening connection comes back by itself and catches up through a replay', async () => {
    const db = await createTestDatabase();
    const owner = new pg.Client({ connectionString: db.ownerUrl });
    await owner.connect();
    const channel = `fl_test_${uuidv7().replaceAll('-', '')}`;
    try {
      await survivesACut(
        () => createPgEventBus({ url: db.appUrl, log, channel }),
        async () =>
          void (await owner.query(
            `select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query like 'listen %' and query not like '%_replay%'`,
          )),
      );
    } finally {
      await owner.end();
      await db.drop();
    }
  });

  test('delivers a published event to every connected subscriber once', async () => {
    const db = await createTestDatabase();
    try {
      await roundTrip(() => createPgEventBus({ url: db.appUrl, log }));
    } finally {
      await db.drop();
    }
  });
});

// The Redis bus is tested against a real Redis whenever REDIS_URL is set (.ci/run sets it when one
// answers on 127.0.0.1:6379); without it these tests show as skipped, with the reason in their name.
const describeRedis = redisUrl ? describe : describe.skip;
describeRedis(redisUrl ? 'the Redis bus' : 'the Redis bus (skipped: REDIS_URL is unset)', () => {
  {
    let graph: FullGraph | undefined;
    afterAll(() => graph?.close());

    test('delivers a published event to every connected subscriber once', async () => {
      const channel = `fl-test-${uuidv7()}`;
      await roundTrip(() => createRedisEventBus({ url: redisUrl!, log, channel }));
    });

    test('a killed subscriber connection comes back by itself and catches up through a replay', async () => {
      const channel = `fl-test-${uuidv7()}`;
      const admin = new Redis(redisUrl!);
      try {
        await survivesACut(
          () => createRedisEventBus({ url: redisUrl!, log, channel }),
          async () => {
            // Only the subscriber connections of this test's channel.
            const clients = String(await admin.call('CLIENT', 'LIST', 'TYPE', 'pubsub'))
              .split('\n')
              .filter(Boolean);
            for (const line of clients) {
              const id = /id=(\d+)/.exec(line)?.[1];
              if (id) await admin.client('KILL', 'ID', id);
            }
          },
        );
      } finally {
        admin.disconnect();
      }
    });

    test('two gateways on Redis: the relay publishes there and every subscriber gets the event exactly once', async () => {
      const channel = `fl-test-${uuidv7()}`;
      graph = await startFullGraph({}, { createBus: (busLog) => createRedisEventBus({ url: redisUrl!, log: busLog, channel }) });
      const other = await graph.startAnotherGateway();
      const token = await graph.token('acme');
      const query = 'subscription { pursuitStageChanged { id to pursuit { name } } }';
      const subscribers = [subscribe({ url: graph.gatewayUrl, token, query }), subscribe({ url: other.url, token, query })];
      await untilSubscribed(graph.gateway!.hub!, 1);
      await untilSubscribed(other.hub!, 1);
      await newPursuit(graph, { name: 'Over Redis' });
      const events = await Promise.all(subscribers.map((s) => s.next()));
      expect(events.map((e) => e.data.pursuitStageChanged.pursuit.name)).toEqual(['Over Redis', 'Over Redis']);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(subscribers.map((s) => s.received.length)).toEqual([1, 1]);
      await Promise.all(subscribers.map((s) => s.dispose()));
    });
  }
});
