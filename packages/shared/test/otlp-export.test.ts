import { expect, test } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { currentTraceId, startTracing, tracingOn, withSpan } from '../src/telemetry/tracing.ts';

test('with OTEL_EXPORTER_OTLP_ENDPOINT, spans reach the collector over OTLP/HTTP at /v1/traces; off, nothing is made', async () => {
  // Off: no span, no trace id, the work just runs.
  expect(tracingOn()).toBe(false);
  expect(await withSpan('unseen', { service: 'test' }, async (span) => [span, currentTraceId()])).toEqual([null, null]);

  const received: { path: string; type: string; body: Buffer }[] = [];
  const collector = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', type: req.headers['content-type'] ?? '', body: Buffer.concat(chunks) });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  const tracing = startTracing({ service: 'flowledger-probe', endpoint: `http://127.0.0.1:${(collector.address() as AddressInfo).port}` });
  try {
    const traceId = await withSpan('probe span', { service: 'probe' }, async () => currentTraceId());
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
  } finally {
    // Shutdown flushes the batch.
    await tracing.shutdown();
    await new Promise((resolve) => collector.close(resolve));
  }
  expect(received.map((request) => request.path)).toEqual(['/v1/traces']);
  expect(received[0]!.body.toString('latin1')).toContain('flowledger-probe');
  expect(received[0]!.body.toString('latin1')).toContain('probe span');
  expect(tracingOn()).toBe(false);
});
