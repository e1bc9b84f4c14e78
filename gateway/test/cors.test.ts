import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import WebSocket from 'ws';
import { startFullGraph } from '@flowledger/devtools/testing';
import type { FullGraph } from '@flowledger/devtools/testing';
import { createOriginPolicy } from '../src/cors.ts';

let graph: FullGraph;
beforeAll(async () => {
  graph = await startFullGraph({ CORS_ORIGINS: 'https://app.example,http://localhost:*' });
});
afterAll(() => graph?.close());

const preflight = (origin: string) =>
  fetch(graph.gatewayUrl, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
  });

function openSocket(origin: string): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const socket = new WebSocket(graph.gatewayUrl.replace(/^http/, 'ws'), 'graphql-transport-ws', { headers: { origin } });
    socket.on('open', () => {
      socket.close();
      resolve('open');
    });
    socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.on('error', () => {});
  });
}

describe('browser pages on another origin', () => {
  test('an allowed origin gets its preflight answered, with the headers a page needs', async () => {
    const response = await preflight('https://app.example');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toMatch(/authorization.*content-type/);
    expect(response.headers.get('vary')).toContain('Origin');
  });

  test("an allowed origin's POST carries Access-Control-Allow-Origin, and so does its refusal", async () => {
    const token = await graph.token('acme');
    const ok = await fetch(graph.gatewayUrl, {
      method: 'POST',
      headers: { origin: 'http://localhost:5173', 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ me { role } }' }),
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const refused = await fetch(graph.gatewayUrl, {
      method: 'POST',
      headers: { origin: 'http://localhost:5173', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { role } }' }),
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });

  test('an origin not on the list gets no CORS answer, and its preflight is refused', async () => {
    const response = await preflight('https://evil.example');
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('the WebSocket Origin is checked against the same list', async () => {
    expect(await openSocket('https://app.example')).toBe('open');
    expect(await openSocket('https://evil.example')).toBe(403);
  });
});

describe('the default list', () => {
  test('development allows the localhost origins on any port and nothing else; production allows none', () => {
    const dev = createOriginPolicy({ origins: undefined, production: false });
    expect(['http://localhost:3000', 'http://127.0.0.1:8080', 'http://[::1]:5173'].map(dev.allows)).toEqual([true, true, true]);
    expect(['https://localhost.evil.example', 'http://localhostx:1', 'null', 'https://example.com'].map(dev.allows)).toEqual([false, false, false, false]);
    const prod = createOriginPolicy({ origins: undefined, production: true });
    expect(prod.allows('http://localhost:3000')).toBe(false);
  });
});
