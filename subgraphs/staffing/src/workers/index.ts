import { createOutboxRelay } from '@flowledger/shared';
import type { BackgroundWorker, WorkerContext } from '@flowledger/shared';
import { STAFFING_SCHEMA } from '../use-cases/emit-event.ts';

/** Staffing's background work: its outbox relay (assignments and over-allocations reach the gateways and, later, billing). */
export function staffingWorkers(context: WorkerContext): BackgroundWorker[] {
  return [createOutboxRelay({ url: context.systemUrl, schema: STAFFING_SCHEMA, source: 'staffing', bus: context.bus, log: context.log, clock: context.clock })];
}
