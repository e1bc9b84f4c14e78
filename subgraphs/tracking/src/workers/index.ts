import { createOutboxRelay } from '@flowledger/shared';
import type { BackgroundWorker, WorkerContext } from '@flowledger/shared';
import { createHitWriter, hitWriterSlot } from './hit-writer.ts';
import { exposeHitMetrics } from './hit-metrics.ts';

export const TRACKING_SCHEMA = 'tracking';

/** Tracking's background work: the group-commit hit writer behind the public routes, and its outbox relay. */
export function trackingWorkers(context: WorkerContext): BackgroundWorker[] {
  const writer = createHitWriter({ systemUrl: context.systemUrl, log: context.log });
  exposeHitMetrics(context.metrics, writer);
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
