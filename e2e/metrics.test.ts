import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import type { MetricFamily } from 'parse-prometheus-text-format';
import { startFullGraph } from '@flowledger/devtools/testing';
import type { FullGraph } from '@flowledger/devtools/testing';
import { DEMO } from '@flowledger/access';
import { uuidv7, withPgClient } from '@flowledger/shared';

/** Every service's /metrics in Prometheus text: what an operator's scraper reads. */
let graph: FullGraph;
const METRICS_TOKEN = 'metrics-token-for-the-test';

beforeAll(async () => {
  graph = await startFullGraph({ METRICS_TOKEN });
});
afterAll(() => graph?.close());

const baseOf = (graphqlUrl: string) => graphqlUrl.replace(/\/graphql$/, '');

interface Scrape {
  families: Map<string, MetricFamily>;
  /** The value of the sample `name{…labels…}` (labels matched as a subset), or undefined. */
  sample(name: string, labels?: Record<string, string | RegExp>): number | undefined;
}

async function scrape(base: string): Promise<Scrape> {
  const response = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  const text = await response.text();
  // The parser throws on any line that is not the text format, and types every family. It folds a
  // histogram's label sets into one, so labelled samples are read from the lines themselves.
  const families = new Map(parsePrometheusTextFormat(text).map((family) => [family.name, family]));
  const lines = text.split('\n').filter((line) => line && !line.startsWith('#'));
  return {
    families,
    sample(name, labels = {}) {
      for (const line of lines) {
        const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
        if (!match || match[1] !== name) continue;
        const given = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
        const matches = ([key, value]: [string, string | RegExp]) => (typeof value === 'string' ? given[key] === value : value.test(given[key] ?? ''));
        if (Object.entries(labels).every(matches)) return Number(match[3]);
      }
      return undefined;
    },
  };
}

describe('metrics on every service', () => {
  beforeAll(async () => {
    // One federated query (crm and workstream) so that the histograms have something in them.
    // With its operationName, as clients send it: the gateway then names its subgraph fetches after it.
    const response = await fetch(graph.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await graph.token('acme')}` },
      body: JSON.stringify({
        query: 'query MetricsProbe { clients(first: 5) { edges { node { id } } } pursuits(first: 5) { edges { node { id } } } }',
        operationName: 'MetricsProbe',
      }),
    });
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
  });

  test('the gateway has operation and subgraph fetch histograms by client and operation, and process metrics', async () => {
    const gateway = await scrape(baseOf(graph.gatewayUrl));
    expect(gateway.families.get('flowledger_operation_duration_seconds')?.type).toBe('HISTOGRAM');
    expect(gateway.sample('flowledger_operation_duration_seconds_count', { client: 'people', operation: 'MetricsProbe' })).toBeGreaterThan(0);
    expect(gateway.families.get('flowledger_subgraph_fetch_duration_seconds')?.type).toBe('HISTOGRAM');
    for (const subgraph of ['crm', 'workstream']) {
      expect(gateway.sample('flowledger_subgraph_fetch_duration_seconds_count', { subgraph, purpose: 'request', outcome: 'ok' })).toBeGreaterThan(0);
    }
    for (const name of ['flowledger_sockets', 'flowledger_deliveries_total', 'process_cpu_seconds_total', 'nodejs_eventloop_lag_seconds']) {
      expect(gateway.families.has(name)).toBe(true);
    }
  });

  test('every subgraph has its operation histogram, its pool in use and waiting, and its outbox lag and dead events', async () => {
    for (const subgraph of Object.values(graph.subgraphs)) {
      const metrics = await scrape(baseOf(subgraph.url));
      expect(metrics.families.get('flowledger_operation_duration_seconds')?.type).toBe('HISTOGRAM');
      for (const state of ['in_use', 'idle', 'waiting'])
        expect(metrics.sample('flowledger_db_pool_connections', { pool: 'app', state })).toBeGreaterThanOrEqual(0);
      expect(metrics.families.has('process_resident_memory_bytes')).toBe(true);
      if (subgraph.systemOrm) {
        expect(metrics.sample('flowledger_db_pool_connections', { pool: 'system', state: 'waiting' })).toBeGreaterThanOrEqual(0);
        for (const name of ['flowledger_outbox_lag_seconds', 'flowledger_outbox_pending_events', 'flowledger_outbox_dead_events']) {
          expect(metrics.sample(name)).toBeGreaterThanOrEqual(0);
        }
      }
    }
    const crm = await scrape(baseOf(graph.subgraphs.crm!.url));
    // The gateway's fetch for the probe, under the operation name the query planner gave it.
    expect(crm.sample('flowledger_operation_duration_seconds_count', { client: 'people', operation: /^MetricsProbe__crm__\d+$/ })).toBeGreaterThan(0);
    const tracking = await scrape(baseOf(graph.subgraphs.tracking!.url));
    expect(tracking.sample('flowledger_tracking_hits_dropped_total')).toBe(0);
  });

  test('an event committed a minute ago and not yet published shows as a minute of outbox lag', async () => {
    const workstream = baseOf(graph.subgraphs.workstream!.url);
    // Due in an hour: the relay leaves it alone, as it would a row it cannot publish yet.
    const held = uuidv7();
    await withPgClient(graph.db.ownerUrl, (client) =>
      client.query(
        `insert into workstream.outbox_event (id, org_id, aggregate_type, aggregate_id, seq, type, payload, occurred_at, next_attempt_at)
         values ($1, $2, 'Pursuit', $3, 1, 'PursuitCreated', '{}', now() - interval '60 seconds', now() + interval '1 hour')`,
        [held, DEMO.acme.id, uuidv7()],
      ),
    );
    try {
      const metrics = await scrape(workstream);
      expect(metrics.sample('flowledger_outbox_lag_seconds')).toBeGreaterThanOrEqual(60);
      expect(metrics.sample('flowledger_outbox_pending_events')).toBeGreaterThanOrEqual(1);
    } finally {
      await withPgClient(graph.db.ownerUrl, (client) => client.query('delete from workstream.outbox_event where id = $1', [held]));
    }
  });

  test('without the token, /metrics of the gateway and of a subgraph answers 401', async () => {
    for (const base of [baseOf(graph.gatewayUrl), baseOf(graph.subgraphs.crm!.url)]) {
      const anonymous = await fetch(`${base}/metrics`);
      expect(anonymous.status).toBe(401);
      const wrong = await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer not-the-token-at-all' } });
      expect(wrong.status).toBe(401);
      expect(await wrong.text()).not.toContain('flowledger_');
    }
  });
});
