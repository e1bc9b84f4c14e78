import { expect, test } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { drainOnClose } from '../src/http/drain.ts';
import { listen } from '../src/net/listen.ts';

const REQUEST = 'POST / HTTP/1.1\r\nhost: localhost\r\ncontent-length: 1\r\n\r\nx';

/** One keep-alive socket, read as text: every answer sent on it, and whether the server closed it. */
function rawClient(port: number) {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  let closed = false;
  socket.on('data', (chunk) => (received += chunk.toString()));
  socket.on('close', () => (closed = true));
  socket.on('error', () => {});
  return { socket, answers: () => received.split('HTTP/1.1 200').length - 1, closed: () => closed };
}

async function until(check: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

test("a client whose idle keep-alive connection waited 7 s (its event loop busy past Node's 5 s default) still gets an answer on it", async () => {
  const server = createServer((req, res) => req.resume().on('end', () => res.end('ok')));
  await listen(server, { port: 0, host: '127.0.0.1', variable: 'TEST_PORT' });
  const client = rawClient((server.address() as AddressInfo).port);
  try {
    client.socket.write(REQUEST);
    await until(() => client.answers() === 1, 2000);
    await new Promise((resolve) => setTimeout(resolve, 7000));
    expect(client.closed()).toBe(false);
    client.socket.write(REQUEST);
    await until(() => client.answers() === 2, 2000);
    expect(client.answers()).toBe(2);
  } finally {
    client.socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
}, 15_000);

test('draining does not wait for the long keep-alive: a connection whose request finishes during the drain is closed at once', async () => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const server = createServer((req, res) => req.resume().on('end', () => void gate.then(() => res.end('ok'))));
  const drain = drainOnClose(server);
  await listen(server, { port: 0, host: '127.0.0.1', variable: 'TEST_PORT' });
  const client = rawClient((server.address() as AddressInfo).port);
  client.socket.write(REQUEST);
  await new Promise((resolve) => setTimeout(resolve, 100));
  const started = Date.now();
  const closed = drain(30_000);
  release();
  await closed;
  expect(Date.now() - started).toBeLessThan(2000);
  await until(client.closed, 2000);
  expect(client.answers()).toBe(1);
  expect(client.closed()).toBe(true);
});
