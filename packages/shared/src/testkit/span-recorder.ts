import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { startTracing } from '../telemetry/tracing.ts';

/** A finished span as a test reads it: who made it, and where it hangs in its trace. */
export interface RecordedSpan {
  name: string;
  service: string;
  kind: 'server' | 'client' | 'internal' | 'producer' | 'consumer';
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  attributes: Record<string, unknown>;
}

const KIND_NAMES = ['internal', 'server', 'client', 'producer', 'consumer'] as const;

/**
 * Tracing on for this (test) process, into memory: every service the test starts records its spans
 * here, each naming its service. The spans still cross services only through the signed traceparent
 * header — an HTTP request's handler never runs in its caller's async context.
 */
export function recordSpans(): { spans(traceId?: string): RecordedSpan[]; stop(): Promise<void> } {
  const exporter = new InMemorySpanExporter();
  const tracing = startTracing({ service: 'flowledger-test', exporter });
  return {
    spans(traceId) {
      return exporter
        .getFinishedSpans()
        .map((span) => ({
          name: span.name,
          service: String(span.attributes['flowledger.service']),
          kind: KIND_NAMES[span.kind] ?? 'internal',
          traceId: span.spanContext().traceId,
          spanId: span.spanContext().spanId,
          parentSpanId: span.parentSpanContext?.spanId ?? null,
          attributes: { ...span.attributes },
        }))
        .filter((span) => traceId === undefined || span.traceId === traceId);
    },
    stop: () => tracing.shutdown(),
  };
}
