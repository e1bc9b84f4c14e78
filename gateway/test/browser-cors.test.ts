import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { startFullGraph } from '@flowledger/devtools/testing';
import type { FullGraph } from '@flowledger/devtools/testing';
import { hasChromium, launchChromium, noChromium } from '../../packages/devtools/test/browser.ts';

// A page on another origin, in a real Chromium, calling the graph the way a frontend does: fetch with
// a bearer token, and a graphql-ws socket. Chromium comes from the distribution (.ci/run installs it).
const describeBrowser = hasChromium ? describe : describe.skip;

let graph: FullGraph;
let browser: Browser;
let page: Server;
let token: string;

const PAGE = `<!doctype html><meta charset="utf-8"><script>
  window.run = async (gateway, token) => {
    const result = {};
    try {
      const response = await fetch(gateway, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token }, body: JSON.stringify({ query: '{ me { organization { name } } }' }) });
      result.fetch = await response.json();
    } catch (error) { result.fetch = String(error); }
    result.socket = await new Promise((resolve) => {
      const socket = new WebSocket(gateway.replace(/^http/, 'ws'), 'graphql-transport-ws');
      socket.onopen = () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer ' + token } }));
      socket.onmessage = (message) => { resolve(JSON.parse(message.data).type); socket.close(); };
      socket.onerror = () => resolve('refused');
    });
    return result;
  };
</script>`;

beforeAll(async () => {
  if (!hasChromium) return;
  graph = await startFullGraph({ CORS_ORIGINS: 'http://localhost:*' });
  token = await graph.token('acme');
  page = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
  await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (page ? page.close(resolve) : resolve(undefined)));
  await graph?.close();
});

async function fromOrigin(host: string) {
  const tab = await browser.newPage();
  try {
    await tab.goto(`http://${host}:${(page.address() as AddressInfo).port}/`);
    return await tab.evaluate(
      ([gateway, t]) => (globalThis as unknown as { run(g: string, t: string): Promise<{ fetch: unknown; socket: string }> }).run(gateway!, t!),
      [graph.gatewayUrl.replace('localhost', '127.0.0.1'), token],
    );
  } finally {
    await tab.close();
  }
}

describeBrowser(hasChromium ? 'a browser page on another origin' : `a browser page on another origin (${noChromium})`, () => {
  test('an allowed origin reads the graph over fetch and opens a subscription socket', async () => {
    const result = await fromOrigin('localhost');
    expect({ ...(result.fetch as object), extensions: undefined }).toEqual({ data: { me: { organization: { name: 'Acme Consulting' } } } });
    expect(result.socket).toBe('connection_ack');
  });

  test('an origin not on the list can do neither', async () => {
    const result = await fromOrigin('127.0.0.1');
    expect(String(result.fetch)).toMatch(/Failed to fetch/);
    expect(result.socket).toBe('refused');
  });
});
