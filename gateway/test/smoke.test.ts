import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { startFullGraph } from '@flowledger/devtools/testing';
import type { FullGraph } from '@flowledger/devtools/testing';

let graph: FullGraph;
beforeAll(async () => {
  graph = await startFullGraph();
});
afterAll(() => graph?.close());

test('me', async () => {
  const r = await graph.query({ query: '{ me { role organization { name } user { name } } }' });
  expect(r.body).toEqual({ data: { me: { role: 'ADMIN', organization: { name: 'Acme Consulting' }, user: { name: 'Ada Admin' } } } });
});
