import { Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import type { Orm } from '../db/create-orm.ts';
import { ormPool } from '../db/create-orm.ts';
import { inSystemScope } from '../db/org-scope.ts';
import { collectedGauge } from './service-metrics.ts';
import type { ServiceMetrics } from './service-metrics.ts';

/** The pools each service's gauge reads, by pool name (a restarted subgraph's ORM replaces its own). */
const poolsByRegistry = new WeakMap<Registry, Map<string, Orm>>();

/**
 * Connections of an ORM's pool by state, read at scrape time: `waiting` above zero for long is the
 * first sign that DB_POOL_MAX is too small for the load (requests queue for a connection).
 */
export function watchPool(metrics: ServiceMetrics, pool: string, orm: Orm): void {
  let pools = poolsByRegistry.get(metrics.registry);
  if (!pools) {
    const watched = new Map<string, Orm>();
    poolsByRegistry.set(metrics.registry, (pools = watched));
    new Gauge({
      name: 'flowledger_db_pool_connections',
      help: 'Database pool connections by pool (app, system) and state (in_use, idle, waiting = requests waiting for one)',
      labelNames: ['pool', 'state'] as const,
      registers: [metrics.registry],
      collect() {
        for (const [name, watchedOrm] of watched) {
          const current = ormPool(watchedOrm);
          const total = current?.totalCount ?? 0;
          const idle = current?.idleCount ?? 0;
          this.set({ pool: name, state: 'in_use' }, total - idle);
          this.set({ pool: name, state: 'idle' }, idle);
          this.set({ pool: name, state: 'waiting' }, current?.waitingCount ?? 0);
        }
      },
    });
  }
  pools.set(pool, orm);
}

/**
 * The outbox of a subgraph's schema, read at scrape time in the relay's system scope: how old the
 * oldest unpublished event is (0 when none waits), how many wait, and how many the relay gave up on.
 * A lag that grows means events are committed but not reaching subscribers or consumers.
 */
export function watchOutbox(metrics: ServiceMetrics, systemOrm: Orm, schema: string): void {
  let last: Promise<{ lag: number; pending: number; dead: number }> | null = null;
  const read = () =>
    (last ??= inSystemScope(systemOrm, 'outbox-relay', async (em) => {
      // The pending rows come from the partial index of due rows; DEAD rows are few by construction.
      const [row] = await em.execute<{ lag: number | null; pending: string; dead: string }[]>(
        `select extract(epoch from now() - min(occurred_at) filter (where status = 'PENDING'))::float8 as lag,
                count(*) filter (where status = 'PENDING') as pending, count(*) filter (where status = 'DEAD') as dead
           from ${schema}.outbox_event where status in ('PENDING', 'DEAD')`,
      );
      return { lag: Math.max(0, row?.lag ?? 0), pending: Number(row?.pending ?? 0), dead: Number(row?.dead ?? 0) };
    }).finally(() => (last = null)));
  // A database away must not fail the whole scrape: the gauge keeps its value, the process metrics still answer.
  const gauge = (name: string, help: string, pick: (reading: { lag: number; pending: number; dead: number }) => number) =>
    collectedGauge(metrics.registry, name, help, () => read().then(pick, () => null));
  gauge('flowledger_outbox_lag_seconds', 'Age of the oldest event committed but not yet published (0 when none waits)', (r) => r.lag);
  gauge('flowledger_outbox_pending_events', 'Events committed and not yet published', (r) => r.pending);
  gauge('flowledger_outbox_dead_events', 'Events the relay gave up publishing (status DEAD)', (r) => r.dead);
}
