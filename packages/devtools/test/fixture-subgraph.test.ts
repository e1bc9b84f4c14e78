import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { SUBGRAPH_REGISTRY, findFreePort, subgraphSettingsFor, subgraphUrlsFromConfig } from '@flowledger/shared';
import { startFullGraph } from '../src/testing/start-full-graph.ts';
import type { FullGraph } from '../src/testing/start-full-graph.ts';

// "A new subgraph is its folder plus one line": here the folder is a fixture and the line is added
// to the registry in the test. Nothing else is edited; everything else derives from the registry.
const registry = [
  ...SUBGRAPH_REGISTRY,
  {
    name: 'notes',
    // Any free port as its default: nothing binds it (tests listen on port 0), and a fixed number
    // could be one a user's own graph holds.
    port: await findFreePort(),
    dir: 'packages/devtools/test/fixtures/notes-subgraph',
    package: pathToFileURL(`${import.meta.dirname}/fixtures/notes-subgraph/index.ts`).href,
  },
];

let graph: FullGraph;
beforeAll(async () => {
  graph = await startFullGraph({}, { registry, workers: false });
});
afterAll(() => graph?.close());

describe('a subgraph added through the registry alone', () => {
  test('gets its settings: NOTES_PORT with its default port and NOTES_URL, and a place in the URL map', () => {
    const settings = subgraphSettingsFor(registry);
    expect(Object.keys(settings)).toEqual(expect.arrayContaining(['NOTES_PORT', 'NOTES_URL']));
    const config = z.object(settings).parse({});
    const port = registry.at(-1)!.port;
    expect(config.NOTES_PORT).toBe(port);
    expect(
      subgraphUrlsFromConfig(
        config,
        registry.map((s) => s.name),
      ).notes,
    ).toBe(`http://127.0.0.1:${port}/graphql`);
    expect(subgraphUrlsFromConfig(z.object(settings).parse({ NOTES_URL: 'http://notes.internal/graphql' }), ['notes'])).toEqual({
      notes: 'http://notes.internal/graphql',
    });
  });

  test('starts, composes into the supergraph and answers through the gateway, in its own organisation', async () => {
    expect(Object.keys(graph.subgraphs)).toEqual(registry.map((s) => s.name));
    const added = await graph.query({ query: 'mutation { addNote(text: "hello from acme") { id text } }' });
    expect({ ...added.body, extensions: undefined }).toEqual({ data: { addNote: { id: expect.any(String), text: 'hello from acme' } } });
    // The rest of the graph is unchanged beside it, in the same request.
    const both = await graph.query({ query: '{ notes { text } me { user { name } } }' });
    expect({ ...both.body, extensions: undefined }).toEqual({ data: { notes: [{ text: 'hello from acme' }], me: { user: { name: 'Ada Admin' } } } });
    // Its rows are under the same walls as every subgraph's: another organisation sees none.
    expect({ ...(await graph.query({ org: 'globex', query: '{ notes { text } }' })).body, extensions: undefined }).toEqual({ data: { notes: [] } });
  });

  test('a request whose second field fails keeps nothing of the first: one request, one transaction', async () => {
    const { body } = await graph.query({
      org: 'globex',
      query: 'mutation { kept: addNote(text: "written first") { id } failed: addNote(text: "fail after writing") { id } }',
    });
    expect(body.errors).toHaveLength(1);
    expect(body.data.kept).toEqual({ id: expect.any(String) });
    // Both writes had been flushed; the error rolled the request's transaction back.
    expect({ ...(await graph.query({ org: 'globex', query: '{ notes { text } }' })).body, extensions: undefined }).toEqual({ data: { notes: [] } });
  });
});
