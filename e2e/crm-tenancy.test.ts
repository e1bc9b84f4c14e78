import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startFullGraph } from '@flowledger/devtools/testing';
import type { FullGraph } from '@flowledger/devtools/testing';

let graph: FullGraph;
let clientId: string;
let contactId: string;

beforeAll(async () => {
  graph = await startFullGraph();
  const created = await graph.query({
    org: 'acme',
    query: 'mutation($input: CreateClientInput!) { createClient(input: $input) { client { id } userErrors { code } } }',
    variables: { input: { name: 'Secret Acme Client', domain: 'secret-acme.example', tags: ['vip'] } },
  });
  clientId = created.body.data.createClient.client.id;
  const contact = await graph.query({
    org: 'acme',
    query: 'mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id } userErrors { code } } }',
    variables: { input: { firstName: 'Sam', lastName: 'Secret', email: 'sam@secret-acme.example', clientId, title: 'CEO' } },
  });
  contactId = contact.body.data.createContact.contact.id;
});
afterAll(() => graph?.close());

describe("another organisation's client and contact", () => {
  test('are visible to their own organisation', async () => {
    const { body } = await graph.query({
      org: 'acme',
      query: `{ client(id: "${clientId}") { name contacts { email } } contact(id: "${contactId}") { displayName } }`,
    });
    expect(body.data).toEqual({
      client: { name: 'Secret Acme Client', contacts: [{ email: 'sam@secret-acme.example' }] },
      contact: { displayName: 'Sam Secret' },
    });
  });

  test('client(id) and contact(id) answer null to globex', async () => {
    const { body } = await graph.query({ org: 'globex', query: `{ client(id: "${clientId}") { id name } contact(id: "${contactId}") { id } }` });
    expect({ ...body, extensions: undefined }).toEqual({ data: { client: null, contact: null } });
  });

  test('no list of globex contains them, whatever the filter', async () => {
    const { body } = await graph.query({
      org: 'globex',
      query: `{
        all: clients(first: 250) { totalCount edges { node { id } } }
        searched: clients(filter: { search: "secret" }) { totalCount }
        tagged: clients(filter: { tags: ["vip"] }) { totalCount }
        contacts(first: 250) { edges { node { id } } }
        byClient: contacts(filter: { clientId: "${clientId}" }) { totalCount }
        byEmail: contacts(filter: { search: "sam@secret" }) { totalCount }
      }`,
    });
    expect(body.data.all.edges.map((e: any) => e.node.id)).not.toContain(clientId);
    expect(body.data.contacts.edges.map((e: any) => e.node.id)).not.toContain(contactId);
    expect([body.data.searched.totalCount, body.data.tagged.totalCount, body.data.byClient.totalCount, body.data.byEmail.totalCount]).toEqual([0, 0, 0, 0]);
  });

  test('updateClient and archiveClient from globex answer NOT_FOUND and change nothing', async () => {
    const update = await graph.query({
      org: 'globex',
      query: 'mutation($input: UpdateClientInput!) { updateClient(input: $input) { client { id } userErrors { field message code } } }',
      variables: { input: { id: clientId, name: 'Hijacked' } },
    });
    expect(update.body.data.updateClient).toEqual({
      client: null,
      userErrors: [{ field: ['input', 'id'], message: `no client with id ${clientId}`, code: 'NOT_FOUND' }],
    });
    const archive = await graph.query({
      org: 'globex',
      query: 'mutation($input: ArchiveClientInput!) { archiveClient(input: $input) { client { id } userErrors { code } } }',
      variables: { input: { id: clientId } },
    });
    expect(archive.body.data.archiveClient).toEqual({ client: null, userErrors: [{ code: 'NOT_FOUND' }] });
    const { body } = await graph.query({ org: 'acme', query: `{ client(id: "${clientId}") { name status } }` });
    expect(body.data.client).toEqual({ name: 'Secret Acme Client', status: 'ACTIVE' });
  });

  test("an id that does not exist looks exactly like another organisation's", async () => {
    const missing = '01938000-0000-7000-8000-0000deadbeef';
    const update = (id: string) =>
      graph.query({
        org: 'globex',
        query: 'mutation($input: UpdateClientInput!) { updateClient(input: $input) { userErrors { message code } } }',
        variables: { input: { id, name: 'x' } },
      });
    const [foreign, absent] = await Promise.all([update(clientId), update(missing)]);
    expect(foreign.body.data.updateClient.userErrors[0].code).toBe(absent.body.data.updateClient.userErrors[0].code);
  });

  test("globex creating a contact at acme's client is NOT_FOUND", async () => {
    const { body } = await graph.query({
      org: 'globex',
      query: 'mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id } userErrors { field code } } }',
      variables: { input: { firstName: 'Mole', email: 'mole@globex.example', clientId } },
    });
    expect(body.data.createContact).toEqual({ contact: null, userErrors: [{ field: ['input', 'clientId'], code: 'NOT_FOUND' }] });
  });

  test('the same domain and email in globex are separate rows (uniqueness is per organisation)', async () => {
    const { body } = await graph.query({
      org: 'globex',
      query: 'mutation($input: IngestProspectsInput!) { ingestProspects(input: $input) { results { status client { id domain } contact { id } } } }',
      variables: {
        input: { items: [{ client: { name: 'Secret Acme Client', domain: 'secret-acme.example' }, contact: { email: 'sam@secret-acme.example' } }] },
      },
    });
    const [result] = body.data.ingestProspects.results;
    expect(result.status).toBe('CREATED');
    expect(result.client.id).not.toBe(clientId);
    expect(result.contact.id).not.toBe(contactId);
    const acme = await graph.query({ org: 'acme', query: `{ client(id: "${result.client.id}") { id } }` });
    expect(acme.body.data.client).toBeNull();
  });

  test("an entity reference to another organisation's client resolves to null", async () => {
    const { signedSubgraphRequest } = await import('@flowledger/shared/testkit');
    const { DEMO } = await import('@flowledger/access');
    const { body } = await signedSubgraphRequest({
      url: graph.subgraphs.crm!.url,
      subgraph: 'crm',
      context: { orgId: DEMO.globex.id, actor: { type: 'user', id: DEMO.globex.users[0]!.id }, roles: ['ADMIN'], requestId: 'ref-test' },
      query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Client { id name } ... on Contact { id } } }',
      variables: {
        r: [
          { __typename: 'Client', id: clientId },
          { __typename: 'Contact', id: contactId },
        ],
      },
    });
    expect(body).toEqual({ data: { _entities: [null, null] } });
  });
});
