import { expect, test } from '@jest/globals';
import { createLogger, createServiceMetrics, findFreePort } from '@flowledger/shared';
import { createHitWriter } from '../src/workers/hit-writer.ts';
import { exposeHitMetrics } from '../src/workers/hit-metrics.ts';

const hit = {
  orgId: '01938000-0000-7000-8000-00000000a001',
  messageId: '01938000-0000-7000-8000-00000000c001',
  kind: 'OPEN' as const,
  linkPosition: null,
  at: new Date(),
  ip: '203.0.113.1',
  userAgent: 'Mozilla/5.0',
  isBot: false,
  machine: false,
  reasons: [],
  score: 0,
};

test('with the database away, hits are dropped at once and counted — in the stats and on /metrics — and recording never throws', async () => {
  // Nothing listens there: every connection is refused.
  const writer = createHitWriter({ systemUrl: `postgres://nobody:x@127.0.0.1:${await findFreePort()}/none`, log: createLogger('test', 'silent') });
  const metrics = createServiceMetrics();
  exposeHitMetrics(metrics, writer);
  const first = await writer.record(hit);
  expect(first).toBe(false);
  const started = Date.now();
  const burst = await Promise.all(Array.from({ length: 100 }, () => writer.record(hit)));
  expect(burst.every((stored) => stored === false)).toBe(true);
  // Within the second after a failed batch, no hit waits for a connection that will not come.
  expect(Date.now() - started).toBeLessThan(500);
  expect(writer.stats).toMatchObject({ recorded: 0, dropped: 101 });
  const { text } = await metrics.render();
  expect(text).toMatch(/^flowledger_tracking_hits_dropped_total 101$/m);
  expect(text).toMatch(/^flowledger_tracking_hits_recorded_total 0$/m);
  await writer.stop();
});

test('a full buffer drops the newest hit instead of growing', async () => {
  const writer = createHitWriter({
    systemUrl: `postgres://nobody:x@127.0.0.1:${await findFreePort()}/none`,
    log: createLogger('test', 'silent'),
    maxBuffer: 3,
  });
  const pending = Array.from({ length: 5 }, () => writer.record(hit));
  expect(writer.stats.buffered).toBeLessThanOrEqual(3);
  expect((await Promise.all(pending)).filter((stored) => stored === false)).toHaveLength(5);
  expect(writer.stats.dropped).toBe(5);
  await writer.stop();
});
