import { pino } from 'pino';
import type { DestinationStream, Logger } from 'pino';
import { currentTraceId } from './telemetry/tracing.ts';

export type { Logger };

/** One JSON logger per process; `service` names the subgraph or the gateway on every line. */
export function createLogger(service: string, level: string = process.env.LOG_LEVEL ?? 'info', destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      // The trace of the request a line was written for, when tracing is on: logs and spans meet by it.
      mixin: () => {
        const traceId = currentTraceId();
        return traceId ? { traceId } : {};
      },
      redact: { paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'authorization'], remove: true },
    },
    destination,
  );
}
