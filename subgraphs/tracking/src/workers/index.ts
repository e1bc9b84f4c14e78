import { collectedCounter, collectedGauge, createOutboxRelay } from '@flowledger/shared';
import type { BackgroundWorker, WorkerContext } from '@flowledger/shared';
import { createHitWriter, hitWriterSlot } from './hit-writer.ts';

export const TRACKING_SCHEMA = 'tracking';

/** Tracking's background work: the group-commit hit writer behind the public routes, and its outbox relay. */
export function trackingWorkers(context: WorkerContext): BackgroundWorker[] {
  const writer = createHitWriter({ systemUrl: context.systemUrl, log: context.log });
  const { registry } = context.metrics;
  collectedCounter(registry, 'flowledger_tracking_hits_recorded_total', 'Tracking hits committed to the database', () => writer.stats.recorded);
  collectedCounter(
    registry,
    'flowledger_tracking_hits_dropped_total',
    'Tracking hits answered but not recorded: the buffer was full or the database away',
    () => writer.stats.dropped,
  );
  collectedGauge(registry, 'flowledger_tracking_hits_buffered', 'Tracking hits waiting for their batch to commit', () => writer.stats.buffered);
  collectedCounter(registry, 'flowledger_tracking_hit_batches_total', 'Group commits of tracking hits', () => writer.stats.batches);
  const slot: BackgroundWorker = {
    async start() {
      await writer.start();
      hitWriterSlot.current = writer;
    },
    async stop() {
      if (hitWriterSlot.current === writer) hitWriterSlot.current = null;
      await writer.stop();
    },
  };
  return [
    slot,
    createOutboxRelay({ url: context.systemUrl, schema: TRACKING_SCHEMA, source: 'tracking', bus: context.bus, log: context.log, clock: context.clock }),
  ];
}
