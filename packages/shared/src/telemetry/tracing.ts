import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import type { Attributes, Context, Span, Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';

/**
 * Tracing is off until startTracing runs (OTEL_EXPORTER_OTLP_ENDPOINT set, or a test's exporter):
 * then every helper below is a null check and returns at once — no spans, no ids, no context work.
 */
let tracer: Tracer | null = null;
let provider: TracerProvider | null = null;

export interface TracingOptions {
  /** `service.name` of the process's resource (each span also names its service, see withSpan). */
  service: string;
  /** Where spans go: an OTLP/HTTP endpoint (its own env settings apply: OTEL_EXPORTER_OTLP_HEADERS…). */
  endpoint?: string;
  /** A test's exporter instead (spans exported one by one, at once). */
  exporter?: SpanExporter;
}

/** Turns tracing on for this process; returns its shutdown (flushes what is buffered). */
export function startTracing(options: TracingOptions): { shutdown(): Promise<void> } {
  const exporter = options.exporter ?? new OTLPTraceExporter(options.endpoint ? { url: tracesUrl(options.endpoint) } : {});
  provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.service }),
    spanProcessors: [options.exporter ? new SimpleSpanProcessor({ exporter }) : new BatchSpanProcessor({ exporter })],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  tracer = provider.getTracer('flowledger');
  const started = provider;
  return {
    async shutdown() {
      await started.shutdown();
      if (provider === started) {
        tracer = null;
        provider = null;
        context.disable();
        propagation.disable();
      }
    },
  };
}

/** OTEL_EXPORTER_OTLP_ENDPOINT is the collector's base URL; traces go to its /v1/traces. */
function tracesUrl(endpoint: string): string {
  return endpoint.endsWith('/v1/traces') ? endpoint : `${endpoint.replace(/\/$/, '')}/v1/traces`;
}

export function tracingOn(): boolean {
  return tracer !== null;
}

export interface SpanOptions {
  /** The service the span belongs to (tests run several in one process; a collector sees it per span). */
  service: string;
  kind?: 'server' | 'client' | 'internal';
  attributes?: Attributes;
  /** The parent: a remote one (from a traceparent), else the active span. */
  parent?: Context;
}

const KINDS = { server: SpanKind.SERVER, client: SpanKind.CLIENT, internal: SpanKind.INTERNAL };

/**
 * Runs `work` inside a span that is active for everything it awaits (PostgreSQL statements, subgraph
 * fetches), ended when it settles, marked as an error when it throws. Without tracing: `work(null)`.
 */
export async function withSpan<T>(name: string, options: SpanOptions, work: (span: Span | null) => Promise<T>): Promise<T> {
  if (!tracer) return work(null);
  const parent = options.parent ?? context.active();
  const span = tracer.startSpan(
    name,
    { kind: KINDS[options.kind ?? 'internal'], attributes: { 'flowledger.service': options.service, ...options.attributes } },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (error) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}

/** The W3C traceparent of the active span, to carry to the next service; null when tracing is off. */
export function currentTraceparent(): string | null {
  if (!tracer) return null;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ?? null;
}

/** The parent context a received traceparent names (the root when it is absent or malformed). */
export function remoteParent(traceparent: string | null | undefined): Context {
  if (!tracer || !traceparent) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, { traceparent });
}

/** The active trace's id, for log lines and the response header; null when tracing is off. */
export function currentTraceId(): string | null {
  if (!tracer) return null;
  return trace.getActiveSpan()?.spanContext().traceId ?? null;
}

/** Names the active span once the operation is known (`query Dashboard`), with its GraphQL attributes. */
export function nameGraphQLSpan(type: string, name: string | null): void {
  if (!tracer) return;
  const span = trace.getActiveSpan();
  span?.updateName(name ? `${type} ${name}` : type);
  span?.setAttributes({ 'graphql.operation.type': type, ...(name ? { 'graphql.operation.name': name } : {}) });
}
