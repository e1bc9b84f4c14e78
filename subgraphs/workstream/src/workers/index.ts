import { createEventConsumer, createOutboxRelay, intervalWorker } from '@flowledger/shared';
import type { BackgroundWorker, WorkerContext } from '@flowledger/shared';
import { WORKSTREAM_SCHEMA } from '../use-cases/emit-event.ts';
import { stampProposalView } from '../use-cases/stamp-proposal-view.ts';
import { runSlaScheduler } from './run-sla-scheduler.ts';

/** The SLA scheduler on a timer: clocks change at warn and due times, a few seconds' lateness is fine. */
const slaScheduler = (context: WorkerContext, intervalMs = 5000): BackgroundWorker =>
  intervalWorker({ name: 'sla scheduler', intervalMs, log: context.log, round: () => runSlaScheduler({ orm: context.systemOrm, now: context.clock.now() }) });

/** The workstream's background work: its outbox relay, its SLA scheduler, and tracking's EngagementRecorded consumed durably. */
export function workstreamWorkers(context: WorkerContext): BackgroundWorker[] {
  return [
    createOutboxRelay({ url: context.systemUrl, schema: WORKSTREAM_SCHEMA, source: 'workstream', bus: context.bus, log: context.log, clock: context.clock }),
    slaScheduler(context),
    createEventConsumer({
      name: 'workstream.proposal-views',
      schema: WORKSTREAM_SCHEMA,
      source: 'tracking',
      sourceUrl: () => context.subgraphUrls.tracking,
      types: ['EngagementRecorded'],
      signingSecret: context.signingSecret,
      orm: context.orm,
      systemOrm: context.systemOrm,
      bus: context.bus,
      log: context.log,
      metrics: context.metrics,
      handle: stampProposalView,
    }),
  ];
}
