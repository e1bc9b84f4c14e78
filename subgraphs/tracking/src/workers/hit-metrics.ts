import { collectedCounter, collectedGauge } from '@flowledger/shared';
import type { ServiceMetrics } from '@flowledger/shared';
import type { HitWriter } from './hit-writer.ts';

/** The hit writer's counts on tracking's /metrics: what an operator watches when the database is away. */
export function exposeHitMetrics(metrics: ServiceMetrics, writer: HitWriter): void {
  const { registry } = metrics;
  collectedCounter(registry, 'flowledger_tracking_hits_recorded_total', 'Tracking hits committed to the database', () => writer.stats.recorded);
  collectedCounter(
    registry,
    'flowledger_tracking_hits_dropped_total',
    'Tracking hits answered but not recorded: the buffer was full or the database away',
    () => writer.stats.dropped,
  );
  collectedGauge(registry, 'flowledger_tracking_hits_buffered', 'Tracking hits waiting for their batch to commit', () => writer.stats.buffered);
  collectedCounter(registry, 'flowledger_tracking_hit_batches_total', 'Group commits of tracking hits', () => writer.stats.batches);
}
