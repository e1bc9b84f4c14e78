import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Writable } from 'node:stream';
import { startFullGraph } from '@flowledger/devtools/testing';
import type { FullGraph } from '@flowledger/devtools/testing';
import { SUBGRAPH_NAMES, createLogger } from '@flowledger/shared';

/** Every subgraph of the registry in one state (the readiness answer names them all). */
const everySubgraph = (state: string) => Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, state]));

const lines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    done();
  },
});

let graph: FullGraph;
beforeAll(async () => {
  // Debug: the one line per request (gateway and subgraphs) is logged at debug since issue 10.
  graph = await startFullGraph({}, { log: createLogger('test', 'debug', sink) });
});
afterAll(() => graph?.close());

const base = () => new URL(graph.gatewayUrl).origin;

describe('the gateway in operation', () => {
  test('/healthz answers without a credential', async () => {
    const response = await fetch(`${base()}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  test('/readyz is 200 while every subgraph answers', async () => {
    const response = await fetch(`${base()}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ready: true, eventBus: 'connected', subgraphs: everySubgraph('ready') });
  });

  test('a request id travels from the client through the gateway into every subgraph log line of that request', async () => {
    const requestId = 'trace-me-0001';
    const { status } = await graph.query({
      query: '{ me { organization { name } } clients(first: 1) { totalCount } }',
      headers: { authorization: `Bearer ${await graph.token('acme')}`, 'x-request-id': requestId },
    });
    expect(status).toBe(200);
    const tagged = lines.filter((line) => line.requestId === requestId);
    expect(new Set(tagged.map((line) => line.service))).toEqual(new Set(['gateway', 'access', 'crm']));
  });

  test('a request without an id gets one, echoed in the response', async () => {
    const response = await fetch(graph.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await graph.token('acme')}`, 'x-request-id': 'bad id with spaces' },
      body: JSON.stringify({ query: '{ me { role } }' }),
    });
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(lines.some((line) => line.requestId === id && line.service === 'access')).toBe(true);
  });

  test('logs never carry the bearer token', async () => {
    const token = await graph.token('acme');
    await graph.query({ query: '{ me { role } }', headers: { authorization: `Bearer ${token}` } });
    expect(JSON.stringify(lines)).not.toContain(token);
  });

  test('/metrics exposes the gateway counters in Prometheus text, without tenant data', async () => {
    const response = await fetch(`${base()}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    for (const name of [
      'flowledger_sockets',
      'flowledger_subscriptions',
      'flowledger_events_total',
      'flowledger_event_executions_total',
      'flowledger_deliveries_total',
    ]) {
      expect(text).toMatch(new RegExp(`^${name} \\d+$`, 'm'));
    }
    expect(text).toMatch(/^flowledger_subgraph_fetch_duration_seconds_count\{subgraph="access",purpose="request",outcome="ok"\} [1-9]\d*$/m);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  test('/readyz is 503 and names the subgraph that is down', async () => {
    await graph.subgraphs.crm!.close();
    const response = await fetch(`${base()}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ ready: false, eventBus: 'connected', subgraphs: { ...everySubgraph('ready'), crm: 'unreachable' } });
    // A query touching the missing subgraph and another: the other's data, and one error naming the
    // missing part — with a code, not a stack trace.
    const { status, body } = await graph.query({ query: '{ me { organization { name } } clients { totalCount } }' });
    expect(status).toBe(200);
    expect(body.data).toEqual({ me: { organization: { name: 'Acme Consulting' } }, clients: null });
    expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'crm' } })]);
    expect(body.errors[0].message).toMatch(/^the crm service is unreachable/);
    expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|at .*\.js/);
  });
});
