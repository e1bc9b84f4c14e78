import { createOutboxRelay } from '@flowledger/shared';
import type { BackgroundWorker, WorkerContext } from '@flowledger/shared';
import { WORKSTREAM_SCHEMA } from '../use-cases/emit-event.ts';
import { runSlaScheduler } from './run-sla-scheduler.ts';

/** The SLA scheduler on a timer: clocks change at warn and due times, a few seconds' lateness is fine. */
function slaScheduler(context: WorkerContext, intervalMs = 5000): BackgroundWorker {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = runSlaScheduler({ orm: context.systemOrm, now: context.clock.now() })
      .catch((error: unknown) => context.log.error({ err: error }, 'sla scheduler round failed'))
      .finally(() => (running = null));
  };
  return {
    async start() {
      timer = setInterval(tick, intervalMs);
      tick();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}

/** The workstream's background work: its outbox relay and its SLA scheduler. */
export function workstreamWorkers(context: WorkerContext): BackgroundWorker[] {
  return [
    createOutboxRelay({ url: context.systemUrl, schema: WORKSTREAM_SCHEMA, source: 'workstream', bus: context.bus, log: context.log, clock: context.clock }),
    slaScheduler(context),
  ];
}
