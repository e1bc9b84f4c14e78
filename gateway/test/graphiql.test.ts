import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startFullGraph } from '@flowledger/devtools/testing';
import type { FullGraph } from '@flowledger/devtools/testing';
import { graphiqlEnabled } from '../src/graphiql/serve-graphiql.ts';

/** GraphiQL from the gateway's own dependencies; the GraphQL endpoint unchanged for everything else. */
let graph: FullGraph;
beforeAll(async () => {
  graph = await startFullGraph({ DEMO_TOKENS: 'Ada=demo-token-for-the-page,Bob=another-token' });
});
afterAll(() => graph?.close());

const base = () => graph.gatewayUrl.replace(/\/graphql$/, '');

describe('GraphiQL', () => {
  test('a browser opening /graphql gets the page, offline by policy: every script and style from the gateway, with the demo token', async () => {
    const response = await fetch(graph.gatewayUrl, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'.*script-src 'self'/);
    const page = await response.text();
    expect(page).toContain('demo-token-for-the-page');
    const sources = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(sources.length).toBe(5);
    for (const source of sources) {
      expect(source).toMatch(/^\/graphiql\//);
      const asset = await fetch(`${base()}${source}`);
      expect(asset.status).toBe(200);
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
  });

  test('an API client asking /graphql is answered as before; unknown asset names are 404', async () => {
    const api = await fetch(graph.gatewayUrl, { headers: { accept: 'application/json' } });
    expect(api.headers.get('content-type')).not.toMatch(/text\/html/);
    const withQuery = await fetch(`${graph.gatewayUrl}?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: 'text/html' } });
    expect(withQuery.headers.get('content-type')).not.toMatch(/text\/html/);
    for (const name of ['../package.json', 'constructor', 'nothing.js']) {
      expect((await fetch(`${base()}/graphiql/${name}`)).status).toBe(404);
    }
  });

  test('the dashboard page, its bundle and (in development) its demo people come from the gateway too', async () => {
    const page = await fetch(`${base()}/dashboard`);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(await page.text()).toContain('/dashboard/app.js');
    const bundle = await fetch(`${base()}/dashboard/app.js`);
    expect(bundle.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await bundle.text()).length).toBeGreaterThan(10_000);
    expect(await (await fetch(`${base()}/dashboard/demo-users`)).json()).toEqual([
      { name: 'Ada', token: 'demo-token-for-the-page' },
      { name: 'Bob', token: 'another-token' },
    ]);
  });

  test('it is on in development, off in production unless GRAPHIQL=on', () => {
    expect(graphiqlEnabled({ NODE_ENV: 'development' })).toBe(true);
    expect(graphiqlEnabled({ NODE_ENV: 'production' })).toBe(false);
    expect(graphiqlEnabled({ NODE_ENV: 'production', GRAPHIQL: 'on' })).toBe(true);
    expect(graphiqlEnabled({ NODE_ENV: 'development', GRAPHIQL: 'off' })).toBe(false);
  });
});
