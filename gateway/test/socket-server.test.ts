import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema } from 'graphql';
import WebSocket from 'ws';
import { createLogger, uuidv7 } from '@flowledger/shared';
import type { EventEnvelope } from '@flowledger/shared';
import { waitFor } from '@flowledger/shared/testkit';
import { attachSubscriptionServer } from '../src/subscriptions/subscription-server.ts';
import { SubscriptionHub } from '../src/subscriptions/subscription-hub.ts';
import type { AuthResult } from '../src/authenticate.ts';

// The protocol server on its own, over a real HTTP server and real sockets, with a hub whose lookups
// answer at once: what the socket does with backlogs and sign-ins, apart from the graph behind it.
const schema = buildSchema(`
  type PursuitStageEvent { to: String big: String }
  input PursuitStageEventFilter { stages: [String!] }
  type Query { pursuitStageEvent(id: ID!): PursuitStageEvent }
  type Subscription { pursuitStageChanged(filter: PursuitStageEventFilter): PursuitStageEvent! }
`);
const ORG = uuidv7();
const BIG = 'x'.repeat(256 * 1024);
const log = createLogger('test', 'silent');
let signInDelayMs = 0;
const hub = new SubscriptionHub({ log, execute: async () => ({ data: { pursuitStageChanged: { to: 'PINK', big: BIG } } }) });
const server = createServer();
const sockets = attachSubscriptionServer({
  server,
  path: '/graphql',
  hub,
  schema: () => schema,
  validationRules: [],
  log,
  maxBufferedBytes: 1_048_576,
  authenticate: async (): Promise<AuthResult> => {
    await new Promise((resolve) => setTimeout(resolve, signInDelayMs));
    return { ok: true, expiresAt: Date.now() + 3_600_000, org: { orgId: ORG, actor: { type: 'user', id: uuidv7() }, roles: ['ADMIN'], requestId: 'r' } };
  },
});
let url = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  await sockets.close();
  await new Promise((resolve) => server.close(resolve));
});

const event = (): EventEnvelope => ({
  id: uuidv7(),
  position: '1',
  orgId: ORG,
  source: 'test',
  type: 'PursuitStageChanged',
  aggregateType: 'Pursuit',
  aggregateId: uuidv7(),
  seq: 1,
  occurredAt: new Date().toISOString(),
  payload: { to: 'PINK' },
});
const until = (condition: () => boolean, timeoutMs = 5000) =>
  waitFor(condition, { timeoutMs }).then(
    () => true,
    () => false,
  );

describe('the subscription socket server', () => {
  test('a subscriber that stops reading is closed with 4413 once 1 MiB waits for it, and the others are not held up', async () => {
    const slow = new WebSocket(url, 'graphql-transport-ws');
    const closed = new Promise<number>((resolve) => slow.on('close', (code) => resolve(code)));
    await new Promise((resolve) => slow.once('open', resolve));
    slow.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer x' } }));
    await new Promise((resolve) => slow.once('message', resolve)); // connection_ack
    slow.send(JSON.stringify({ type: 'subscribe', id: '1', payload: { query: 'subscription { pursuitStageChanged { to big } }' } }));
    const fast = new WebSocket(url, 'graphql-transport-ws');
    let fastReceived = 0;
    await new Promise((resolve) => fast.once('open', resolve));
    fast.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer x' } }));
    await new Promise((resolve) => fast.once('message', resolve));
    fast.on('message', (data) => JSON.parse(String(data)).type === 'next' && fastReceived++);
    fast.send(JSON.stringify({ type: 'subscribe', id: '1', payload: { query: 'subscription { pursuitStageChanged { to big } }' } }));
    expect(await until(() => hub.size === 2)).toBe(true);
    // A client gone quiet: it reads nothing more, so what the server sends piles up.
    (slow as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    let published = 0;
    for (; published < 200 && hub.size > 1; published++) {
      await hub.publish(event());
      await new Promise((resolve) => setTimeout(resolve, 5)); // a pace a reader that keeps up can follow
    }
    expect(hub.size).toBe(1);
    (slow as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await closed).toBe(4413);
    // The reader that keeps up got every event, the slow one's backlog notwithstanding.
    expect(await until(() => fastReceived === published)).toBe(true);
    fast.close();
  });

  test('a socket closed while its credential is still being checked leaves no timer armed', async () => {
    signInDelayMs = 200;
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    const socket = new WebSocket(url, 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer x' } }));
    socket.close();
    await new Promise((resolve) => setTimeout(resolve, 400)); // the sign-in settles after the close
    expect(sockets.connections.size).toBe(0);
    expect(timers()).toBeLessThanOrEqual(before);
    signInDelayMs = 0;
  });
});
