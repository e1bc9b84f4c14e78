import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startFullGraph } from '@flowledger/devtools/testing';
import type { FullGraph } from '@flowledger/devtools/testing';
import { repoRoot } from '@flowledger/shared';
import {
  CreateSignalDocument,
  ListClientsDocument,
  PursuitStageChangesDocument,
  PursuitWithClientDocument,
} from '../schema/operations/partners/generated/graphql.ts';
import { moveTo, newPursuit } from './workstream-helpers.ts';

// A partner the whole way, as the README shows it: a key from an ADMIN, the generated manifest
// published with the CLI, and Apollo Client with its persisted-query link and typed documents.
const MANIFEST_PATH = join(repoRoot, 'schema/operations/partners/manifest.json');
const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8'));

let graph: FullGraph;
let key: string;
const clients: ApolloClient[] = [];

function partnerClient(options: { persisted: boolean }): ApolloClient {
  const http = new HttpLink({ uri: graph.gatewayUrl, headers: { 'x-api-key': key } });
  const ws = new GraphQLWsLink(
    createClient({ url: graph.gatewayUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { 'x-api-key': key }, retryAttempts: 0 }),
  );
  // What @apollo/persisted-query-lists' generatePersistedQueryIdsFromManifest does: the id by operation name.
  const ids = new Map<string, string>(manifest.operations.map((o: { name: string; id: string }) => [o.name, o.id]));
  const persisted = new PersistedQueryLink({
    generateHash: (document) => {
      const definition = getMainDefinition(document);
      return ids.get(definition.name?.value ?? '') ?? '';
    },
  });
  const client = new ApolloClient({
    cache: new InMemoryCache(),
    link: ApolloLink.split(
      ({ query }) => {
        const definition = getMainDefinition(query);
        return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
      },
      ws,
      options.persisted ? persisted.concat(http) : http,
    ),
  });
  clients.push(client);
  return client;
}

beforeAll(async () => {
  graph = await startFullGraph();
  const { body } = await graph.query({
    query: 'mutation { createApiKey(input: { name: "Partner demo", role: MEMBER, clientName: "partner-demo" }) { secret userErrors { code } } }',
  });
  key = body.data.createApiKey.secret;
  // Not spawnSync: the graph answering the CLI runs in this process.
  const publish = await promisify(execFile)(process.execPath, [
    join(repoRoot, 'packages/devtools/src/operations-publish.ts'),
    '--client',
    'partner-demo',
    MANIFEST_PATH,
    '--url',
    graph.gatewayUrl,
    '--token',
    await graph.token('acme'),
  ]);
  expect(publish.stderr).toBe('');
  expect(publish.stdout).toContain('registered 4 operations for "partner-demo" (4 new)');
});
afterAll(async () => {
  for (const client of clients) client.stop();
  await graph?.close();
});

describe('operations:publish', () => {
  test.each([
    [
      'a manifest whose body does not match its id',
      { format: 'apollo-persisted-query-manifest', version: 1, operations: [{ ...manifest.operations[0], body: 'query X { me { role } }' }] },
      /OPERATION_ID_MISMATCH/,
    ],
    ['an empty manifest', { format: 'apollo-persisted-query-manifest', version: 1, operations: [] }, /holds no operations/],
    ['a file of 2 MB', 'x'.repeat(2_000_000), /at most 0\.9 MB/],
  ])('refuses %s with the reason, and exits 1 or 2', async (_case, content, message) => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'manifest-')), 'manifest.json');
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    const run = promisify(execFile)(process.execPath, [
      join(repoRoot, 'packages/devtools/src/operations-publish.ts'),
      '--client',
      'partner-demo',
      file,
      '--url',
      graph.gatewayUrl,
      '--token',
      await graph.token('acme'),
    ]);
    await expect(run).rejects.toMatchObject({ stderr: expect.stringMatching(message) });
  });
});

describe('a partner app on Apollo Client with the generated manifest and an API key', () => {
  test('runs every registered partner operation through the gateway', async () => {
    const client = partnerClient({ persisted: true });
    const { pursuitId, version } = await newPursuit(graph, { name: 'Partner deal' });
    const listed = await client.query({ query: ListClientsDocument, variables: { first: 10 } });
    expect(listed.data?.clients?.edges.map((e) => e.node.name)).toContain('Partner deal Client');
    const clientId = listed.data!.clients!.edges.find((e) => e.node.name === 'Partner deal Client')!.node.id;
    const created = await client.mutate({ mutation: CreateSignalDocument, variables: { input: { source: 'PARTNER', summary: 'From the partner', clientId } } });
    expect(created.data?.createSignal.userErrors).toEqual([]);
    expect(created.data?.createSignal.signal?.summary).toBe('From the partner');
    const pursuit = await client.query({ query: PursuitWithClientDocument, variables: { id: pursuitId } });
    expect(pursuit.data?.pursuit).toMatchObject({ id: pursuitId, name: 'Partner deal', stage: 'QUALIFY', client: { name: 'Partner deal Client' } });

    const changes: { to: string; pursuit: { id: string } }[] = [];
    const subscription = client
      .subscribe({ query: PursuitStageChangesDocument })
      .subscribe({ next: (result) => result.data && changes.push(result.data.pursuitStageChanged) });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await moveTo(graph, pursuitId, version, ['PINK']);
    const deadline = Date.now() + 5000;
    while (!changes.some((c) => c.pursuit.id === pursuitId) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    subscription.unsubscribe();
    expect(changes.find((c) => c.pursuit.id === pursuitId)).toMatchObject({ to: 'PINK' });
  });

  test('the same operation sent as text (no persisted-query link) is refused with PERSISTED_QUERY_REQUIRED', async () => {
    const client = partnerClient({ persisted: false });
    await expect(client.query({ query: ListClientsDocument, variables: { first: 10 } })).rejects.toThrow(/registered operations only/);
  });

  test("another client's operation id is refused", async () => {
    const { body } = await graph.query({
      query: 'mutation { createApiKey(input: { name: "Other app", role: MEMBER, clientName: "other-app" }) { secret } }',
    });
    const response = await fetch(graph.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': body.data.createApiKey.secret },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: manifest.operations[0].id } } }),
    });
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});
