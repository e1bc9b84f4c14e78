import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import WebSocket from 'ws';
import { startFullGraph } from '@flowledger/devtools/testing';
import type { FullGraph } from '@flowledger/devtools/testing';
import { newPursuit } from '../../e2e/workstream-helpers.ts';
import { subscribe, untilSubscribed } from './subscription-client.ts';

let graph: FullGraph;
beforeAll(async () => {
  graph = await startFullGraph({ SOCKET_INIT_TIMEOUT_MS: '300', SOCKET_KEEPALIVE_MS: '200' });
});
afterAll(() => graph?.close());

/** A raw socket speaking graphql-transport-ws, to send what no well-behaved client would. */
function rawSocket() {
  const socket = new WebSocket(graph.gatewayUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const messages: any[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  socket.on('message', (data) => messages.push(JSON.parse(String(data))));
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const until = async (predicate: () => boolean, timeoutMs = 3000) => {
    const deadline = Date.now() + timeoutMs;
    while (!predicate() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    if (!predicate()) throw new Error(`timed out; messages so far: ${JSON.stringify(messages)}`);
  };
  return {
    socket,
    messages,
    closed,
    opened,
    send: (message: unknown) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)),
    async acked(token?: string) {
      await opened;
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token ?? (await graph.token('acme'))}` } }));
      await until(() => messages.some((m) => m.type === 'connection_ack'));
    },
    until,
  };
}

const QUERY = 'subscription { pursuitStageChanged { to } }';

describe('a malformed graphql-ws message closes only its own socket, with graphql-ws close codes', () => {
  const malformed: [string, unknown, boolean][] = [
    ['text that is not JSON', '{"type":', true],
    ['a JSON value that is not an object', '"hello"', true],
    ['a message without a type', {}, true],
    ['a type that is not a string', { type: 5 }, true],
    ['an unknown type', { type: 'launch' }, true],
    [
      'variables that are not an object (once stopped the gateway)',
      { type: 'subscribe', id: '1', payload: { query: 'subscription($s:Boolean=true){pursuitStageChanged{to @include(if:$s)}}', variables: 'abc' } },
      true,
    ],
    ['a subscribe without a query', { type: 'subscribe', id: '1', payload: {} }, true],
    ['a subscribe with an empty id', { type: 'subscribe', id: '', payload: { query: QUERY } }, true],
    ['a subscribe whose operationName is a number', { type: 'subscribe', id: '1', payload: { query: QUERY, operationName: 7 } }, true],
    ['a message only servers send', { type: 'next', id: '1', payload: {} }, true],
    ['a connection_init whose payload is a string', { type: 'connection_init', payload: 'x' }, false],
  ];

  test.each(malformed)('%s: 4400, and every other socket keeps its deliveries', async (_name, message, afterAck) => {
    const bystander = subscribe({ url: graph.gatewayUrl, token: await graph.token('acme'), query: 'subscription { pursuitStageChanged { id to } }' });
    await untilSubscribed(graph.gateway!.hub!, 1);
    const attacker = rawSocket();
    if (afterAck) await attacker.acked();
    else await attacker.opened;
    attacker.send(message);
    expect((await attacker.closed).code).toBe(4400);
    await newPursuit(graph);
    expect((await bystander.next()).data.pursuitStageChanged.to).toBe('QUALIFY');
    await bystander.dispose();
    await untilSubscribed(graph.gateway!.hub!, 0);
  });

  test('a binary frame: 4400', async () => {
    const attacker = rawSocket();
    await attacker.acked();
    attacker.socket.send(Buffer.from(JSON.stringify({ type: 'ping' })), { binary: true });
    expect((await attacker.closed).code).toBe(4400);
  });
});

describe('the other close codes', () => {
  test('a subscribe before connection_ack: 4401', async () => {
    const socket = rawSocket();
    await socket.opened;
    socket.send({ type: 'subscribe', id: '1', payload: { query: QUERY } });
    expect((await socket.closed).code).toBe(4401);
  });

  test('no connection_init in time: 4408', async () => {
    const socket = rawSocket();
    await socket.opened;
    expect((await socket.closed).code).toBe(4408);
  });

  test('a second subscription under a live id: 4409', async () => {
    const socket = rawSocket();
    await socket.acked();
    socket.send({ type: 'subscribe', id: 'same', payload: { query: QUERY } });
    socket.send({ type: 'subscribe', id: 'same', payload: { query: QUERY } });
    expect((await socket.closed).code).toBe(4409);
  });

  test('a second connection_init: 4429', async () => {
    const socket = rawSocket();
    await socket.acked();
    socket.send({ type: 'connection_init', payload: {} });
    expect((await socket.closed).code).toBe(4429);
  });

  test('a refused credential: 4403', async () => {
    const socket = rawSocket();
    await socket.opened;
    socket.send({ type: 'connection_init', payload: { authorization: 'Bearer not-a-token' } });
    expect((await socket.closed).code).toBe(4403);
  });

  test('the 101st subscription of one socket is refused with an error message; the first 100 stay', async () => {
    const socket = rawSocket();
    await socket.acked();
    for (let i = 0; i < 101; i++) socket.send({ type: 'subscribe', id: `s${i}`, payload: { query: QUERY } });
    await socket.until(() => socket.messages.some((m) => m.type === 'error'));
    const errors = socket.messages.filter((m) => m.type === 'error');
    expect(errors).toEqual([{ id: 's100', type: 'error', payload: [expect.objectContaining({ extensions: { code: 'RATE_LIMITED' } })] }]);
    await untilSubscribed(graph.gateway!.hub!, 100);
    socket.socket.close();
    await untilSubscribed(graph.gateway!.hub!, 0);
  });

  test('the gateway pings every socket, and drops one that stops answering', async () => {
    const socket = rawSocket();
    let pings = 0;
    socket.socket.on('ping', () => pings++);
    await socket.acked();
    await socket.until(() => pings >= 2);
    socket.send({ type: 'subscribe', id: 'x', payload: { query: QUERY } });
    await untilSubscribed(graph.gateway!.hub!, 1);
    // A peer gone without a close frame: ws answers pings by itself, so stop this socket from reading.
    const raw = (socket.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    raw.pause();
    await untilSubscribed(graph.gateway!.hub!, 0, 3000);
    raw.resume();
    expect((await socket.closed).code).toBe(1006);
  });
});

describe("one client's selections never stop another's deliveries", () => {
  test('31 distinct selections on one socket, and a second subscriber: every one of them receives the event', async () => {
    const bystander = subscribe({ url: graph.gatewayUrl, token: await graph.token('acme'), query: 'subscription { pursuitStageChanged { id to } }' });
    const many = rawSocket();
    await many.acked();
    for (let i = 0; i < 31; i++) many.send({ type: 'subscribe', id: `m${i}`, payload: { query: `subscription { pursuitStageChanged { a${i}: to } }` } });
    await untilSubscribed(graph.gateway!.hub!, 32);
    await newPursuit(graph);
    expect((await bystander.next()).data.pursuitStageChanged.to).toBe('QUALIFY');
    await many.until(() => many.messages.filter((m) => m.type === 'next').length === 31);
    expect(many.messages.filter((m) => m.type === 'error')).toEqual([]);
    expect(new Set(many.messages.filter((m) => m.type === 'next').map((m) => m.id)).size).toBe(31);
    await bystander.dispose();
    many.socket.close();
    await untilSubscribed(graph.gateway!.hub!, 0);
  });

  test('a selection at the alias limit and another that merge past it: both are still delivered', async () => {
    const heavy = `subscription { pursuitStageChanged { ${Array.from({ length: 25 }, (_, i) => `h${i}: to`).join(' ')} } }`;
    const a = subscribe({ url: graph.gatewayUrl, token: await graph.token('acme'), query: heavy });
    const b = subscribe({
      url: graph.gatewayUrl,
      token: await graph.token('acme'),
      query: `subscription { pursuitStageChanged { ${Array.from({ length: 10 }, (_, i) => `k${i}: to`).join(' ')} } }`,
    });
    await untilSubscribed(graph.gateway!.hub!, 2);
    await newPursuit(graph);
    expect((await a.next()).data.pursuitStageChanged.h24).toBe('QUALIFY');
    expect((await b.next()).data.pursuitStageChanged.k9).toBe('QUALIFY');
    await Promise.all([a.dispose(), b.dispose()]);
    await untilSubscribed(graph.gateway!.hub!, 0);
  });
});
