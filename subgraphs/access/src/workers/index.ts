import { createOutboxRelay } from '@flowledger/shared';
import type { BackgroundWorker, WorkerContext } from '@flowledger/shared';
import { ACCESS_SCHEMA } from '../use-cases/revoke-api-key.ts';

/** The access subgraph's background work: its outbox relay (key revocations reach every gateway). */
export function accessWorkers(context: WorkerContext): BackgroundWorker[] {
  return [createOutboxRelay({ url: context.systemUrl, schema: ACCESS_SCHEMA, source: 'access', bus: context.bus, log: context.log, clock: context.clock })];
}
