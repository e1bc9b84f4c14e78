import { expect, test } from '@jest/globals';
import { createServer } from 'node:net';
import { findFreePorts } from '../src/net/free-port.ts';

test('findFreePorts hands out distinct ports, each free to listen on', async () => {
  const ports = await findFreePorts(12);
  expect(new Set(ports).size).toBe(12);
  for (const port of ports) {
    const server = createServer();
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
    await new Promise((resolve) => server.close(resolve));
  }
});
