import { describe, expect, test } from '@jest/globals';
import { planIngest } from '../src/domain/plan-ingest.ts';
import type { ClientRecord, ContactRecord, PositionRecord, RecordFactory } from '../src/domain/plan-ingest.ts';
import { prospectSchema } from '../src/domain/schemas.ts';

function factory() {
  const created = { clients: [] as ClientRecord[], contacts: [] as ContactRecord[], positions: [] as PositionRecord[] };
  let n = 0;
  const create: RecordFactory = {
    client: (data) => (created.clients.push({ id: `client-${++n}`, ...data }), created.clients.at(-1)!),
    contact: (data) => (created.contacts.push({ id: `contact-${++n}`, ...data }), created.contacts.at(-1)!),
    position: (data) => (created.positions.push({ id: `position-${++n}`, ...data }), created.positions.at(-1)!),
  };
  return { created, create };
}

/** Items as the use case hands them over: parsed (and normalised) by the input schema. */
const items = (...list: unknown[]) => list.map((item, index) => ({ index, item: prospectSchema.parse(item) }));

describe('planIngest', () => {
  test('creates what does not exist, once, even when an item repeats', () => {
    const { created, create } = factory();
    const item = { client: { name: 'A', domain: 'a.example' }, contact: { email: 'x@a.example' }, position: { title: 'CEO' } };
    const outcomes = planIngest({ items: items(item, item), clients: [], contacts: [], positions: [], create });
    expect(outcomes.map((o) => o.status)).toEqual(['CREATED', 'UNCHANGED']);
    expect([created.clients.length, created.contacts.length, created.positions.length]).toEqual([1, 1, 1]);
  });

  test('matches a client by domain before name, and by name only when there is no domain conflict', () => {
    const { create } = factory();
    const clients: ClientRecord[] = [
      { id: 'c1', name: 'Same Name', domain: 'one.example', tags: [] },
      { id: 'c2', name: 'Other', domain: null, tags: [] },
    ];
    const outcomes = planIngest({
      items: items(
        { client: { name: 'Renamed', domain: 'one.example' } },
        { client: { name: 'OTHER', domain: 'other.example' } },
        { client: { name: 'Same Name', domain: 'two.example' } },
      ),
      clients,
      contacts: [],
      positions: [],
      create,
    });
    expect(outcomes.map((o) => [o.status, o.clientId])).toEqual([
      ['UPDATED', 'c1'],
      ['UPDATED', 'c2'],
      ['CREATED', expect.stringMatching(/^client-/)],
    ]);
    expect(clients[0]!.name).toBe('Renamed');
    expect(clients[1]!.domain).toBe('other.example');
  });

  test('rejects an item whose LinkedIn URL and email name two contacts, before changing its client', () => {
    const { create, created } = factory();
    const clients: ClientRecord[] = [{ id: 'c1', name: 'A', domain: 'a.example', tags: [] }];
    const contacts: ContactRecord[] = [
      { id: 'p1', email: 'one@a.example', linkedinUrl: null },
      { id: 'p2', email: null, linkedinUrl: 'https://www.linkedin.com/in/two' },
    ];
    const [outcome] = planIngest({
      items: items({ client: { name: 'Changed', domain: 'a.example' }, contact: { email: 'one@a.example', linkedinUrl: 'https://www.linkedin.com/in/two' } }),
      clients,
      contacts,
      positions: [],
      create,
    });
    expect(outcome).toMatchObject({ status: 'REJECTED', code: 'CONFLICTING_IDENTITY' });
    expect(clients[0]!.name).toBe('A');
    expect(created.positions).toEqual([]);
  });

  test('merges tags as a union and leaves absent fields alone', () => {
    const { create } = factory();
    const clients: ClientRecord[] = [{ id: 'c1', name: 'A', domain: 'a.example', industry: 'Retail', tags: ['x'] }];
    const [outcome] = planIngest({
      items: items({ client: { name: 'A', domain: 'a.example', tags: ['y', 'x'] } }),
      clients,
      contacts: [],
      positions: [],
      create,
    });
    expect(outcome!.status).toBe('UPDATED');
    expect(clients[0]).toMatchObject({ industry: 'Retail', tags: ['x', 'y'] });
  });
});
