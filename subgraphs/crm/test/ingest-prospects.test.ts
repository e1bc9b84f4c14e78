import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import pg from 'pg';
import { crmSubgraph } from '@flowledger/crm';
import { startSubgraphUnderTest } from '@flowledger/shared/testkit';
import type { SubgraphUnderTest } from '@flowledger/shared/testkit';

let crm: SubgraphUnderTest;
beforeAll(async () => {
  crm = await startSubgraphUnderTest(crmSubgraph);
});
afterAll(() => crm?.close());

const INGEST = `mutation($input: IngestProspectsInput!) {
  ingestProspects(input: $input) {
    created updated unchanged rejected
    results { index status code reason client { id name domain tags } contact { id email linkedinUrl firstName } }
    userErrors { field code }
  }
}`;

const ingest = async (items: unknown[], org: 'acme' | 'globex' = 'acme') => {
  const { status, body } = await crm.query({ org, query: INGEST, variables: { input: { items } } });
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  return body.data.ingestProspects;
};

/** Counts rows as the owner, past RLS: what is really in the database. */
async function rowCounts(): Promise<{ clients: number; contacts: number; positions: number }> {
  const client = new pg.Client({ connectionString: crm.graph.db.ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      'select (select count(*) from crm.client)::int as clients, (select count(*) from crm.contact)::int as contacts, (select count(*) from crm.position)::int as positions',
    );
    return rows[0];
  } finally {
    await client.end();
  }
}

describe('ingestProspects', () => {
  test('the same 500 items twice: created once, then all UNCHANGED, no duplicates', async () => {
    const items = Array.from({ length: 500 }, (_, i) => ({
      client: { name: `Prospect Co ${i % 200}`, domain: `https://www.prospect-${i % 200}.example/about`, industry: 'Software', tags: ['ingest'] },
      contact: { firstName: `First${i}`, lastName: 'Last', email: `Person${i}@Prospect-${i % 200}.example`, linkedinUrl: `linkedin.com/in/person-${i}/` },
      position: { title: 'Buyer', startDate: '2024-01-01' },
    }));
    const first = await ingest(items);
    expect(first).toMatchObject({ created: 500, updated: 0, unchanged: 0, rejected: 0 });
    expect(await rowCounts()).toEqual({ clients: 200, contacts: 500, positions: 500 });
    expect(first.results[0].client).toMatchObject({ domain: 'prospect-0.example', tags: ['ingest'] });
    expect(first.results[0].contact).toMatchObject({ email: 'person0@prospect-0.example', linkedinUrl: 'https://www.linkedin.com/in/person-0' });

    const second = await ingest(items);
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 500, rejected: 0 });
    expect(second.results.every((r: any) => r.status === 'UNCHANGED')).toBe(true);
    expect(second.results.map((r: any) => r.contact.id)).toEqual(first.results.map((r: any) => r.contact.id));
    expect(await rowCounts()).toEqual({ clients: 200, contacts: 500, positions: 500 });
  });

  test('duplicates inside one batch merge in order', async () => {
    const result = await ingest([
      { client: { name: 'Merge Ltd', domain: 'merge.example' }, contact: { email: 'kim@merge.example' } },
      {
        client: { name: 'Merge Limited', domain: 'MERGE.example', industry: 'Retail', tags: ['a'] },
        contact: { email: 'kim@merge.example', firstName: 'Kim' },
      },
      { client: { name: 'Merge Limited', domain: 'merge.example', tags: ['b'] }, contact: { email: 'kim@merge.example', firstName: 'Kim' } },
    ]);
    expect(result.results.map((r: any) => r.status)).toEqual(['CREATED', 'UPDATED', 'UPDATED']);
    const ids = new Set(result.results.map((r: any) => r.client.id));
    expect(ids.size).toBe(1);
    expect(result.results[2].client).toMatchObject({ name: 'Merge Limited', domain: 'merge.example', tags: ['a', 'b'] });
    expect(result.results[2].contact).toMatchObject({ firstName: 'Kim' });
  });

  test('a client without a domain is matched by name, case-insensitively', async () => {
    const first = await ingest([{ client: { name: 'Nameonly GmbH' } }]);
    const second = await ingest([{ client: { name: 'NAMEONLY gmbh', industry: 'Chemicals' } }]);
    expect(second.results[0].status).toBe('UPDATED');
    expect(second.results[0].client.id).toBe(first.results[0].client.id);
  });

  test('a LinkedIn URL and an email that name two different contacts reject the item (CONFLICTING_IDENTITY) and change nothing', async () => {
    await ingest([
      { client: { name: 'Twin Co', domain: 'twin.example' }, contact: { email: 'one@twin.example', linkedinUrl: 'https://linkedin.com/in/one-twin' } },
      { client: { name: 'Twin Co', domain: 'twin.example' }, contact: { email: 'two@twin.example', linkedinUrl: 'https://linkedin.com/in/two-twin' } },
    ]);
    const before = await rowCounts();
    const result = await ingest([
      { client: { name: 'Twin Co Renamed', domain: 'twin.example' }, contact: { email: 'one@twin.example', linkedinUrl: 'https://linkedin.com/in/two-twin' } },
    ]);
    expect(result.results[0]).toMatchObject({ status: 'REJECTED', code: 'CONFLICTING_IDENTITY', client: null, contact: null });
    expect(result.results[0].reason).toMatch(/LinkedIn URL matches contact .* but the email matches contact/);
    expect(await rowCounts()).toEqual(before);
    const { body } = await crm.query({ query: '{ clients(filter: { search: "twin.example" }) { edges { node { name } } } }' });
    expect(body.data.clients.edges).toEqual([{ node: { name: 'Twin Co' } }]);
  });

  test('a contact found by LinkedIn URL gains the email it did not have', async () => {
    await ingest([{ client: { name: 'Grow Co', domain: 'grow.example' }, contact: { linkedinUrl: 'https://www.linkedin.com/in/grower' } }]);
    const result = await ingest([
      { client: { name: 'Grow Co', domain: 'grow.example' }, contact: { linkedinUrl: 'https://de.linkedin.com/in/Grower?trk=x', email: 'g@grow.example' } },
    ]);
    expect(result.results[0].status).toBe('UPDATED');
    expect(result.results[0].contact).toMatchObject({ email: 'g@grow.example', linkedinUrl: 'https://www.linkedin.com/in/grower' });
  });
});
