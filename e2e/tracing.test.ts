import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { startFullGraph } from '@flowledger/devtools/testing';
import type { FullGraph } from '@flowledger/devtools/testing';
import { TEST_SECRETS, recordSpans, waitFor } from '@flowledger/shared/testkit';
import { DEMO } from '@flowledger/access';
import { signContext } from '@flowledger/shared';
import type { RecordedSpan } from '@flowledger/shared/testkit';

/** One federated query, one trace: the gateway's spans and each subgraph's, hung on one tree. */
let graph: FullGraph;
let recorder: ReturnType<typeof recordSpans>;
const lines: Record<string, unknown>[] = [];

beforeAll(async () => {
  // On before the graph starts: pools open their connections traced.
  recorder = recordSpans();
  const { createLogger } = await import('@flowledger/shared');
  const log = createLogger('test', 'debug', { write: (line: string) => void lines.push(JSON.parse(line)) });
  graph = await startFullGraph({}, { log });
});
afterAll(async () => {
  await graph?.close();
  await recorder?.stop();
});

async function tracedQuery(query: string, headers: Record<string, string> = {}) {
  const response = await fetch(graph.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await graph.token('acme')}`, ...headers },
    body: JSON.stringify({ query, operationName: 'TraceProbe' }),
  });
  expect(response.status).toBe(200);
  return { traceId: response.headers.get('x-trace-id'), body: (await response.json()) as { errors?: unknown } };
}

const PROBE = 'query TraceProbe { clients(first: 3) { edges { node { id } } } pursuits(first: 3) { edges { node { id } } } }';

test('one federated query yields one trace: gateway, crm and workstream spans in one tree, PostgreSQL spans under each subgraph', async () => {
  const { traceId, body } = await tracedQuery(PROBE);
  expect(body.errors).toBeUndefined();
  expect(traceId).toMatch(/^[0-9a-f]{32}$/);
  // The subgraphs' spans end before the gateway's: wait for the gateway's root.
  await waitFor(() => recorder.spans(traceId!).some((span) => span.parentSpanId === null && span.service === 'gateway'));
  const spans = recorder.spans(traceId!);
  const byId = new Map(spans.map((span) => [span.spanId, span]));
  const roots = spans.filter((span) => span.parentSpanId === null);
  expect(roots.map((root) => [root.service, root.kind, root.name])).toEqual([['gateway', 'server', 'POST /graphql']]);
  // Every other span hangs on a span of the same trace: no orphan, no second tree.
  for (const span of spans) if (span.parentSpanId !== null) expect(byId.has(span.parentSpanId)).toBe(true);
  expect(spans.some((span) => span.service === 'gateway' && span.name === 'query TraceProbe')).toBe(true);
  const parentOf = (span: RecordedSpan) => byId.get(span.parentSpanId ?? '');
  for (const subgraph of ['crm', 'workstream']) {
    const server = spans.find((span) => span.service === subgraph && span.kind === 'server');
    // Crossed the wire: its parent is the gateway's fetch to it.
    expect(parentOf(server!)).toMatchObject({ service: 'gateway', kind: 'client', name: `POST ${subgraph}` });
    const operation = spans.find((span) => span.service === subgraph && span.name.startsWith('query TraceProbe__'));
    expect(operation?.attributes['graphql.operation.type']).toBe('query');
    const statements = spans.filter((span) => span.service === subgraph && span.attributes['db.system.name'] === 'postgresql');
    expect(statements.length).toBeGreaterThan(0);
    // Every statement belongs to this subgraph's request.
    for (const statement of statements) {
      let up: RecordedSpan | undefined = statement;
      while (up && up !== server) up = parentOf(up);
      expect(up).toBe(server);
    }
  }
  // The trace id is in the log lines written for the request, in the gateway and the subgraphs.
  const logged = new Set(lines.filter((line) => line.traceId === traceId).map((line) => line.service));
  expect(logged.has('gateway')).toBe(true);
});

test("a client's traceparent is continued, and no statement's span carries the organisation's data", async () => {
  const parent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
  const { traceId } = await tracedQuery(PROBE, { traceparent: parent });
  expect(traceId).toBe('0af7651916cd43dd8448eb211c80319c');
  await waitFor(() => recorder.spans(traceId!).some((span) => span.parentSpanId === 'b7ad6b7169203331'));
  // The scope statement's text holds the organisation id inlined: only its operation is recorded.
  for (const span of recorder.spans(traceId!)) expect(JSON.stringify(span.attributes)).not.toContain(DEMO.acme.id);
});

test('a traceparent altered on the way to a subgraph breaks the signature: the request is refused', async () => {
  const body = JSON.stringify({ query: '{ clients(first: 1) { edges { node { id } } } }' });
  const context = { orgId: DEMO.acme.id, actor: { type: 'user' as const, id: DEMO.acme.users[0]!.id }, roles: ['ADMIN' as const], requestId: 'trace-test' };
  const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
  const headers = signContext({ secret: TEST_SECRETS.signingSecret, subgraph: 'crm', context, body, traceparent });
  const send = (extra: Record<string, string>) =>
    fetch(graph.subgraphs.crm!.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers, ...extra }, body });
  expect((await send({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-00000000000000aa-01' })).status).toBe(401);
  expect((await send({ traceparent: 'not a traceparent' })).status).toBe(401);
  // The same headers untouched are accepted (once: the nonce is spent).
  expect((await send({})).status).toBe(200);
});
