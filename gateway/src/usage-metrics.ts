import { Counter, Histogram, Registry } from 'prom-client';

/** Distinct operation names kept per client before the rest are counted as "(other)": labels stay bounded. */
const MAX_OPERATIONS_PER_CLIENT = 200;

/**
 * Usage per client and operation, for partners' dashboards and ours: how often each operation ran,
 * how often it failed, and how long it took (a histogram), in Prometheus form with prom-client. A
 * partner app is its API key's client name; people's clients are "people". Operation names of
 * people's free-form documents are not bounded by a manifest, so each client keeps its first 200.
 */
export function createUsageMetrics() {
  const registry = new Registry();
  const operations = new Counter({
    name: 'flowledger_operations_total',
    help: 'Operations answered, by client, operation name and outcome (ok, error, refused)',
    labelNames: ['client', 'operation', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'flowledger_operation_duration_seconds',
    help: 'Time from request to answer, by client and operation name',
    labelNames: ['client', 'operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
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
    record(options: { client: string | null; operationName: string | null; outcome: 'ok' | 'error' | 'refused'; seconds: number }): void {
      const client = options.client ?? 'people';
      const operation = bounded(client, options.operationName || '(anonymous)');
      operations.inc({ client, operation, outcome: options.outcome });
      duration.observe({ client, operation }, options.seconds);
    },
    render: () => registry.metrics(),
  };
}

export type UsageMetrics = ReturnType<typeof createUsageMetrics>;
