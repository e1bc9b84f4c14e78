import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startFullGraph } from '@flowledger/devtools/testing';
import type { FullGraph } from '@flowledger/devtools/testing';
import { uuidv7 } from '@flowledger/shared';
import type { RunningGatewayLike } from '@flowledger/shared/testkit';

let graph: FullGraph;
let second: RunningGatewayLike;
beforeAll(async () => {
  graph = await startFullGraph();
  second = await graph.startAnotherGateway();
});
afterAll(() => graph?.close());

const CREATE_SIGNAL = 'mutation($input: CreateSignalInput!) { createSignal(input: $input) { signal { id summary } userErrors { code } } }';

async function send(options: { url?: string; key?: string; query: string; variables?: unknown; role?: 'ADMIN' | 'MEMBER' }) {
  const response = await fetch(options.url ?? graph.gatewayUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${await graph.token('acme', options.role ?? 'ADMIN')}`,
      ...(options.key ? { 'idempotency-key': options.key } : {}),
    },
    body: JSON.stringify({ query: options.query, variables: options.variables }),
  });
  return { status: response.status, replayed: response.headers.get('idempotent-replayed'), text: await response.text() };
}

async function signalsWith(summary: string): Promise<number> {
  const { body } = await graph.query({ query: '{ candidates(first: 250) { edges { node { signals { summary } } } } }' });
  return body.data.candidates.edges
    .flatMap((e: { node: { signals: { summary: string }[] } }) => e.node.signals)
    .filter((s: { summary: string }) => s.summary === summary).length;
}

describe('Idempotency-Key on mutations', () => {
  test('createSignal sent 20 times at once with one key creates one signal, and every answer is identical', async () => {
    const key = uuidv7();
    const summary = `Once only ${key}`;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        send({ url: i % 2 ? second.url : graph.gatewayUrl, key, query: CREATE_SIGNAL, variables: { input: { source: 'MANUAL', summary } } }),
      ),
    );
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([200]));
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(answers.filter((a) => a.replayed === 'true').length).toBe(19);
    expect(JSON.parse(answers[0]!.text).data.createSignal.signal.summary).toBe(summary);
    expect(await signalsWith(summary)).toBe(1);
  });

  test('the same key with another request is refused (IDEMPOTENCY_KEY_REUSED, 422)', async () => {
    const key = uuidv7();
    await send({ key, query: CREATE_SIGNAL, variables: { input: { source: 'MANUAL', summary: 'first body' } } });
    const other = await send({ key, query: CREATE_SIGNAL, variables: { input: { source: 'MANUAL', summary: 'another body' } } });
    expect(other.status).toBe(422);
    expect(JSON.parse(other.text).errors[0].extensions.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await signalsWith('another body')).toBe(0);
  });

  test('a key is the actor’s own: another person using the same key runs their own request', async () => {
    const key = uuidv7();
    const input = { input: { source: 'MANUAL', summary: `Per actor ${key}` } };
    await send({ key, query: CREATE_SIGNAL, variables: input });
    const member = await send({ key, query: CREATE_SIGNAL, variables: input, role: 'MEMBER' });
    expect(member.replayed).toBeNull();
    expect(await signalsWith(`Per actor ${key}`)).toBe(2);
  });

  test('a retry on another gateway process, later, replays the first answer', async () => {
    const key = uuidv7();
    const variables = { input: { source: 'MANUAL', summary: `Later ${key}` } };
    const first = await send({ key, query: CREATE_SIGNAL, variables });
    const retry = await send({ url: second.url, key, query: CREATE_SIGNAL, variables });
    expect(retry).toEqual({ ...first, replayed: 'true' });
  });

  test('a key that is not 1–255 printable characters is a bad request; queries ignore the key', async () => {
    const bad = await send({ key: 'x'.repeat(300), query: CREATE_SIGNAL, variables: { input: { source: 'MANUAL', summary: 'bad key' } } });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).errors[0].extensions.code).toBe('BAD_REQUEST');
    const query = await send({ key: 'x'.repeat(300), query: '{ me { role } }' });
    expect(JSON.parse(query.text).data.me.role).toBe('ADMIN');
  });
});
