import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import WebSocket from 'ws';
import { startFullGraph } from '@flowledger/devtools/testing';
import type { FullGraph } from '@flowledger/devtools/testing';

let graph: FullGraph;
beforeAll(async () => {
  // No reuse of membership answers: every sign-in asks the access service.
  graph = await startFullGraph({ MEMBERSHIP_CACHE_MS: '1' });
  await graph.subgraphs.access!.close();
});
afterAll(() => graph?.close());

describe('with the access service down, sign-ins cannot be checked', () => {
  test('HTTP answers 503 SERVICE_UNAVAILABLE (retry), not 401 and not 500', async () => {
    const { status, body } = await graph.query({ query: '{ clients(first: 1) { totalCount } }' });
    expect(status).toBe(503);
    expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'SERVICE_UNAVAILABLE' } })]);
  });

  test('a socket signing in is closed with 4503 (retry later)', async () => {
    const socket = new WebSocket(graph.gatewayUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${await graph.token('acme')}` } }));
    expect(await closed).toBe(4503);
  });
});
