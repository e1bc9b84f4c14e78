import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startFullGraph } from '@flowledger/devtools/testing';
import type { FullGraph } from '@flowledger/devtools/testing';

let graph: FullGraph;
beforeAll(async () => {
  graph = await startFullGraph();
});
afterAll(() => graph?.close());

const CREATE_CLIENT = 'mutation($input: CreateClientInput!) { createClient(input: $input) { client { id } userErrors { field message code } } }';
const CREATE_CONTACT = 'mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id } userErrors { field message code } } }';
const INGEST =
  'mutation($input: IngestProspectsInput!) { ingestProspects(input: $input) { results { index status code reason } rejected userErrors { field message code } } }';

describe('mutations answer userErrors naming the field, and write nothing', () => {
  test.each([
    ['an empty name', { name: '   ' }, ['input', 'name'], 'must not be empty'],
    ['a malformed domain', { name: 'Valid', domain: 'not a domain!' }, ['input', 'domain'], 'is not a valid domain'],
    ['a domain without a dot', { name: 'Valid', domain: 'localhost' }, ['input', 'domain'], 'is not a valid domain'],
    ['a 51st tag', { name: 'Valid', tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }, ['input', 'tags'], 'at most 50 tags'],
  ])('createClient with %s', async (_name, input, field, message) => {
    const { status, body } = await graph.query({ query: CREATE_CLIENT, variables: { input } });
    expect(status).toBe(200);
    expect(body.data.createClient.client).toBeNull();
    expect(body.data.createClient.userErrors).toEqual([{ field, message: expect.stringContaining(message), code: 'INVALID_INPUT' }]);
    const { body: list } = await graph.query({ query: '{ clients { totalCount } }' });
    expect(list.data.clients.totalCount).toBe(0);
  });

  test('createContact with a malformed email and LinkedIn URL lists both', async () => {
    const { body } = await graph.query({
      query: CREATE_CONTACT,
      variables: { input: { firstName: 'A', email: 'nope@', linkedinUrl: 'https://example.com/in/x' } },
    });
    expect(body.data.createContact.userErrors).toEqual([
      { field: ['input', 'email'], message: expect.stringContaining('is not a valid email address'), code: 'INVALID_INPUT' },
      { field: ['input', 'linkedinUrl'], message: expect.stringContaining('is not a LinkedIn profile URL'), code: 'INVALID_INPUT' },
    ]);
  });

  test('a duplicate domain is refused as DUPLICATE_DOMAIN, after normalisation', async () => {
    const first = await graph.query({ query: CREATE_CLIENT, variables: { input: { name: 'Dup', domain: 'dup.example' } } });
    expect(first.body.data.createClient.userErrors).toEqual([]);
    const second = await graph.query({ query: CREATE_CLIENT, variables: { input: { name: 'Dup 2', domain: 'https://WWW.Dup.example/contact' } } });
    expect(second.body.data.createClient.userErrors).toEqual([
      { field: ['input', 'domain'], message: 'a client with domain dup.example already exists', code: 'DUPLICATE_DOMAIN' },
    ]);
  });

  test('ingestProspects with 1,001 items is refused whole, naming input.items', async () => {
    const items = Array.from({ length: 1001 }, (_, i) => ({ client: { name: `Bulk ${i}` } }));
    const { status, body } = await graph.query({ query: INGEST, variables: { input: { items } } });
    expect(status).toBe(200);
    expect(body.data.ingestProspects.results).toEqual([]);
    expect(body.data.ingestProspects.userErrors).toEqual([
      { field: ['input', 'items'], message: 'input.items: must have at most 1000 items', code: 'INVALID_INPUT' },
    ]);
    const { body: list } = await graph.query({ query: '{ clients(filter: { search: "Bulk" }) { totalCount } }' });
    expect(list.data.clients.totalCount).toBe(0);
  });

  test('a bad ingest item is rejected alone, with the path of the bad field', async () => {
    const { body } = await graph.query({
      query: INGEST,
      variables: {
        input: {
          items: [
            { client: { name: 'Good One' } },
            { client: { name: 'Bad', domain: 'bad domain' } },
            { client: { name: 'Lonely' }, contact: { firstName: 'No Identity' } },
          ],
        },
      },
    });
    expect(body.data.ingestProspects.results).toEqual([
      { index: 0, status: 'CREATED', code: null, reason: null },
      { index: 1, status: 'REJECTED', code: 'INVALID_INPUT', reason: expect.stringContaining('items.1.client.domain: is not a valid domain') },
      { index: 2, status: 'REJECTED', code: 'INVALID_INPUT', reason: expect.stringContaining('items.2.contact.email: needs an email or a LinkedIn URL') },
    ]);
  });
});

describe('arguments that do not parse: BAD_USER_INPUT naming the argument', () => {
  test.each([
    ['first above the cap', '{ clients(first: 251) { totalCount } }', 'first: must be at most 250 (the page size cap)'],
    ['a negative first', '{ clients(first: -1) { totalCount } }', 'first: must be 0 or more'],
    ['a forged cursor', '{ clients(after: "bm9wZQ") { totalCount } }', 'after: is not a cursor from this list'],
    ['a malformed filter id', '{ contacts(filter: { clientId: "42" }) { totalCount } }', 'filter.clientId: is not a valid id'],
  ])('%s', async (_name, query, message) => {
    const { status, body } = await graph.query({ query });
    expect(status).toBe(200);
    // Root fields are nullable (one subgraph's failure costs only its fields), so the refused one is null.
    expect(Object.values(body.data)).toEqual([null]);
    expect(body.errors).toEqual([expect.objectContaining({ message, extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
  });

  test('a variable of the wrong type is a 400 with BAD_USER_INPUT', async () => {
    const { status, body } = await graph.query({ query: 'query($n: Int) { clients(first: $n) { totalCount } }', variables: { n: 'ten' } });
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  test('a literal the gateway cannot judge (a custom scalar) is refused by the subgraph with its code, not as a 500', async () => {
    const { body } = await graph.query({
      query:
        'mutation { ingestProspects(input: { items: [{ client: { name: "X" }, contact: { email: "x@x.example" }, position: { startDate: "2024-02-30" } }] }) { created } }',
    });
    expect(body.errors[0]).toMatchObject({
      message: expect.stringContaining('Date cannot represent "2024-02-30"'),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  test('a malformed id in client(id) is simply not found', async () => {
    const { body } = await graph.query({ query: '{ client(id: "DROP TABLE") { id } }' });
    // Beside the data, every answer says what it cost (extensions.cost).
    expect({ ...body, extensions: undefined }).toEqual({ data: { client: null } });
  });
});

describe('requests that are not good GraphQL get a 4xx, never a 500', () => {
  const send = async (init: RequestInit & { headers?: Record<string, string> }, path = '') => {
    const token = await graph.token('acme');
    const response = await fetch(graph.gatewayUrl + path, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
    return { status: response.status, text: await response.text() };
  };

  const json = (body: string): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const deep =
    '{ clients { edges { node { positions { contact { positions { client { positions { contact { positions { client { positions { contact { id } } } } } } } } } } } } } }';
  const aliases = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: me { role }`).join(' ')} }`;
  // Objects, not arrays: jest reads a fourth parameter of a test function as a `done` callback.
  test.each([
    { name: 'a body that is not JSON', init: json('{"query": '), status: 400, path: '' },
    { name: 'a query that does not parse', init: json(JSON.stringify({ query: '{ clients {' })), status: 400, path: '' },
    { name: 'an unknown field', init: json(JSON.stringify({ query: '{ nope }' })), status: 400, path: '' },
    { name: 'no query at all', init: json(JSON.stringify({ variables: {} })), status: 400, path: '' },
    {
      name: 'a mutation over GET',
      init: { method: 'GET' },
      status: 405,
      path: `?query=${encodeURIComponent('mutation { createClient(input: { name: "x" }) { client { id } } }')}`,
    },
    { name: 'a PUT', init: { ...json('{}'), method: 'PUT' }, status: 405, path: '' },
    { name: 'a body over 1 MB', init: json(JSON.stringify({ query: '{ me { role } }', variables: { pad: 'x'.repeat(1_100_000) } })), status: 413, path: '' },
    { name: 'a query deeper than the limit', init: json(JSON.stringify({ query: deep })), status: 400, path: '' },
    { name: 'more tokens than the limit', init: json(JSON.stringify({ query: `{ me { ${'role '.repeat(5000)}} }` })), status: 400, path: '' },
    { name: 'too many aliases', init: json(JSON.stringify({ query: aliases })), status: 400, path: '' },
    { name: 'a batch (arrays are not accepted)', init: json(JSON.stringify([{ query: '{ me { role } }' }])), status: 400, path: '' },
  ])('$name', async ({ init, status, path }) => {
    const { status: actual, text } = await send(init as never, path);
    expect(actual).toBe(status);
    expect(text).not.toMatch(/at .*\.(ts|js):\d+|select .* from|stacktrace/i);
  });
});
