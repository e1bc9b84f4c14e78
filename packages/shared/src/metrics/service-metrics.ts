import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Distinct operation names kept per client before the rest are counted as "(other)": labels stay bounded. */
const MAX_OPERATIONS_PER_CLIENT = 200;

/** Seconds: a cached read answers in milliseconds, a slow subgraph's share of a request in seconds. */
export const DURATION_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export type Outcome = 'ok' | 'error' | 'refused';

export interface ServiceMetrics {
  /** Every metric of this service; a module registers its own here (the tracking hit writer does). */
  registry: Registry;
  /** One GraphQL operation answered: by client (an app's name, or "people") and operation name. */
  observeOperation(options: { client: string | null; operationName: string | null; outcome: Outcome; seconds: number }): void;
  /** An event an event consumer gave up on after its retries (parked as DEAD in its inbox). */
  deadEvent(consumer: string): void;
  /** The Prometheus text exposition of every metric, with the content type to answer it with. */
  render(): Promise<{ contentType: string; text: string }>;
}

/**
 * The metrics of one service (the gateway, or one subgraph), in a registry of its own: tests run
 * several services in one process, and each /metrics must expose only its own. No service label: the
 * scraper's job and instance say which service answered. Process metrics (CPU, memory, event-loop
 * lag, GC) come from prom-client's defaults.
 */
export function createServiceMetrics(): ServiceMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const operations = new Counter({
    name: 'flowledger_operations_total',
    help: 'GraphQL operations answered, by client, operation name and outcome (ok, error, refused)',
    labelNames: ['client', 'operation', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'flowledger_operation_duration_seconds',
    help: 'Time from request to answer of a GraphQL operation, by client and operation name',
    labelNames: ['client', 'operation'] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const dead = new Counter({
    name: 'flowledger_consumer_dead_events_total',
    help: 'Events an event consumer parked as DEAD after its retries, by consumer',
    labelNames: ['consumer'] as const,
    registers: [registry],
  });
  // People's free-form documents are not bounded by a manifest: each client keeps its first names.
  const seen = new Map<string, Set<string>>();
  const bounded = (client: string, operation: string): string => {
    let names = seen.get(client);
    if (!names) seen.set(client, (names = new Set()));
    if (names.has(operation)) return operation;
    if (names.size >= MAX_OPERATIONS_PER_CLIENT) return '(other)';
    names.add(operation);
    return operation;
  };
  return {
    registry,
    observeOperation(options) {
      const client = options.client ?? 'people';
      const operation = bounded(client, options.operationName || '(anonymous)');
      operations.inc({ client, operation, outcome: options.outcome });
      duration.observe({ client, operation }, options.seconds);
    },
    deadEvent: (consumer) => dead.inc({ consumer }),
    render: async () => ({ contentType: registry.contentType, text: await registry.metrics() }),
  };
}

/**
 * A counter read from a plain number when scraped, so the hot path only increments a field. A worker
 * restarted in the same process registers it again: the new one replaces the old.
 */
export function collectedCounter(registry: Registry, name: string, help: string, read: () => number): void {
  registry.removeSingleMetric(name);
  new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      this.reset();
      this.inc(read());
    },
  });
}

/** A gauge read when scraped (see collectedCounter); an asynchronous read answering null keeps the last value. */
export function collectedGauge(registry: Registry, name: string, help: string, read: () => number | Promise<number | null>): void {
  registry.removeSingleMetric(name);
  new Gauge({
    name,
    help,
    registers: [registry],
    async collect() {
      const value = await read();
      if (value !== null) this.set(value);
    },
  });
}
