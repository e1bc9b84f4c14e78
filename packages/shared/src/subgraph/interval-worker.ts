import type { Logger } from '../log.ts';
import type { BackgroundWorker } from './definition.ts';

/**
 * A round of background work on a timer (a scheduler): one round at start, then every `intervalMs`;
 * a round still running when the next is due is not doubled, a failed one is logged and the next
 * runs as usual, and stop waits for the round in progress.
 */
export function intervalWorker(options: { name: string; intervalMs: number; log: Logger; round: () => Promise<unknown> }): BackgroundWorker {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = options
      .round()
      .catch((error: unknown) => options.log.error({ err: error }, `${options.name} round failed`))
      .finally(() => (running = null));
  };
  return {
    async start() {
      timer = setInterval(tick, options.intervalMs);
      tick();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
