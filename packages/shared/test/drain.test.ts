import { expect, test } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { drainOnClose } from '../src/http/drain.ts';

test('closing lets an in-flight request finish and refuses new connections', async () => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const server = createServer(async (_req, res) => {
    await gate;
    res.end('done');
  });
  const drain = drainOnClose(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  const inFlight = fetch(url).then((r) => r.text());
  await new Promise((resolve) => setTimeout(resolve, 50));
  const closed = drain(5000);
  await new Promise((resolve) => setTimeout(resolve, 50));
  await expect(fetch(url, { headers: { connection: 'close' } })).rejects.toThrow();
  release();
  await expect(inFlight).resolves.toBe('done');
  await closed;
});
