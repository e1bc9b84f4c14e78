import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import { startFullGraph } from '@flowledger/devtools/testing';
import type { FullGraph } from '@flowledger/devtools/testing';

let graph: FullGraph;
let token: string;
beforeAll(async () => {
  graph = await startFullGraph();
  token = await graph.token('acme');
});
afterAll(() => graph?.close());

async function post(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(graph.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text), text };
}

const noLeak = (text: string) => expect(text).not.toMatch(/INTERNAL_SERVER_ERROR|\bat .*\.(ts|js):\d+|select |insert |invalid byte sequence|\\\\u0000/i);

describe('client mistakes get a 4xx or a user error naming the field, never a server error', () => {
  test('several operations and no operationName: 400', async () => {
    const { status, body, text } = await post({ query: 'query A { me { role } } query B { me { role } }' });
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0].message).toMatch(/operationName/);
    noLeak(text);
  });

  test('a subscription over POST: 400 pointing at the WebSocket', async () => {
    const { status, body, text } = await post({ query: 'subscription { pursuitStageChanged { to } }' });
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0].message).toMatch(/WebSocket/);
    noLeak(text);
  });

  test.each([
    ['a search', 'query($s: String) { clients(filter: { search: $s }) { totalCount } }', { s: 'a\u0000b' }, ['s']],
    ['a tag', 'query($t: [String!]) { clients(filter: { tags: $t }) { totalCount } }', { t: ['ok', 'x\u0000'] }, ['t', '1']],
    ['a cursor', 'query($a: String) { clients(after: $a) { totalCount } }', { a: '\u0000' }, ['a']],
    ['a mutation input', 'mutation($i: CreateClientInput!) { createClient(input: $i) { userErrors { code } } }', { i: { name: 'Nul\u0000Co' } }, ['i', 'name']],
  ])('a NUL byte in %s: BAD_USER_INPUT naming the variable', async (_name, query, variables, path) => {
    const { status, body, text } = await post({ query, variables });
    expect(status).toBe(400);
    expect(body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: path }) })]);
    noLeak(text);
  });

  test('a NUL byte in a string literal of the document: BAD_USER_INPUT', async () => {
    const { status, body, text } = await post({ query: '{ clients(filter: { search: "a\\u0000b" }) { totalCount } }' });
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    noLeak(text);
  });

  test('a 300 KiB email: a user error naming the field and its limit', async () => {
    const email = `${'a'.repeat(300 * 1024)}@example.com`;
    const { status, body, text } = await post({
      query: 'mutation($i: CreateContactInput!) { createContact(input: $i) { userErrors { field code message } } }',
      variables: { i: { clientId: '01938000-0000-7000-8000-000000000001', firstName: 'Long', email } },
    });
    expect(status).toBe(200);
    expect(body.data.createContact.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'email'], code: 'INVALID_INPUT', message: expect.stringMatching(/at most 254 characters/) }),
    ]);
    expect(text.length).toBeLessThan(2000);
    noLeak(text);
  });

  test('APQ with a hash that does not match the query: 400 with a code of its own', async () => {
    const { status, body, text } = await post({
      query: '{ me { role } }',
      extensions: { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update('something else').digest('hex') } },
    });
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
    noLeak(text);
  });

  test('Content-Type in capitals is JSON too', async () => {
    const { status, body } = await post({ query: '{ me { role } }' }, { 'content-type': 'APPLICATION/JSON; Charset=UTF-8' });
    expect(status).toBe(200);
    expect({ ...body, extensions: undefined }).toEqual({ data: { me: { role: 'ADMIN' } } });
  });
});
