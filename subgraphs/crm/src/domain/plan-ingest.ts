import { mergeTags } from './normalize.ts';
import type { ProspectItem } from './schemas.ts';
import type { ClientSize } from './client-enums.ts';
import type { CrmErrorCode } from '../errors.ts';

export interface ClientRecord {
  id: string;
  name: string;
  domain?: string | null;
  industry?: string | null;
  size?: ClientSize | null;
  tags: string[];
}
export interface ContactRecord {
  id: string;
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  linkedinUrl?: string | null;
}
export interface PositionRecord {
  id: string;
  clientId: string;
  contactId: string;
  title?: string | null;
  email?: string | null;
  startDate?: string | null;
  endDate?: string | null;
}

export type IngestStatus = 'CREATED' | 'UPDATED' | 'UNCHANGED' | 'REJECTED';

export interface ItemOutcome {
  index: number;
  status: IngestStatus;
  clientId: string | null;
  contactId: string | null;
  code?: CrmErrorCode;
  reason?: string;
}

/** How the planner creates rows: in the use case, managed entities; in unit tests, plain objects. */
export interface RecordFactory {
  client(data: Omit<ClientRecord, 'id'>): ClientRecord;
  contact(data: Omit<ContactRecord, 'id'>): ContactRecord;
  position(data: Omit<PositionRecord, 'id'>): PositionRecord;
}

/** Sets each given (non-null) field that differs; reports whether anything changed. */
function assignChanged<T extends object>(target: T, changes: Partial<T>): boolean {
  let changed = false;
  for (const [key, value] of Object.entries(changes) as [keyof T, T[keyof T]][]) {
    if (value === undefined || value === null) continue;
    if (target[key] !== value) {
      target[key] = value;
      changed = true;
    }
  }
  return changed;
}

const lower = (s: string) => s.toLocaleLowerCase('en');

/**
 * Applies prospects in order to the rows that exist, as an upsert: a client by domain (else by name),
 * a contact by LinkedIn URL or email, a position by (client, contact). Later items see what earlier
 * ones created or changed, so duplicates inside one batch merge. An item whose LinkedIn URL and email
 * name two different contacts is rejected whole, before it changes anything. Mutates the records
 * it is given; performs no I/O.
 */
export function planIngest(options: {
  items: { index: number; item: ProspectItem }[];
  clients: ClientRecord[];
  contacts: ContactRecord[];
  positions: PositionRecord[];
  create: RecordFactory;
}): ItemOutcome[] {
  const clientsByDomain = new Map<string, ClientRecord>();
  const clientsByName = new Map<string, ClientRecord>();
  for (const client of options.clients) {
    if (client.domain) clientsByDomain.set(client.domain, client);
    if (!clientsByName.has(lower(client.name))) clientsByName.set(lower(client.name), client);
  }
  const contactsByEmail = new Map<string, ContactRecord>();
  const contactsByLinkedin = new Map<string, ContactRecord>();
  for (const contact of options.contacts) {
    if (contact.email) contactsByEmail.set(contact.email, contact);
    if (contact.linkedinUrl) contactsByLinkedin.set(contact.linkedinUrl, contact);
  }
  const positions = new Map(options.positions.map((p) => [`${p.clientId}:${p.contactId}`, p]));

  return options.items.map(({ index, item }): ItemOutcome => {
    const incoming = item.contact;
    const byLinkedin = incoming?.linkedinUrl ? contactsByLinkedin.get(incoming.linkedinUrl) : undefined;
    const byEmail = incoming?.email ? contactsByEmail.get(incoming.email) : undefined;
    if (byLinkedin && byEmail && byLinkedin !== byEmail) {
      return {
        index,
        status: 'REJECTED',
        clientId: null,
        contactId: null,
        code: 'CONFLICTING_IDENTITY',
        reason: `the LinkedIn URL matches contact ${byLinkedin.id} but the email matches contact ${byEmail.id}`,
      };
    }
    let created = false;
    let updated = false;

    const c = item.client;
    let client = c.domain ? clientsByDomain.get(c.domain) : undefined;
    if (!client) {
      const sameName = clientsByName.get(lower(c.name));
      // A client found by name adopts the incoming domain only if it has none yet.
      if (sameName && (!c.domain || !sameName.domain)) client = sameName;
    }
    if (client) {
      const tags = c.tags ? mergeTags(client.tags, c.tags) : client.tags;
      const tagsChanged = tags.length !== client.tags.length;
      if (tagsChanged) client.tags = tags;
      updated = assignChanged(client, { name: c.domain ? c.name : undefined, domain: c.domain, industry: c.industry, size: c.size }) || tagsChanged || updated;
    } else {
      client = options.create.client({ name: c.name, domain: c.domain ?? null, industry: c.industry ?? null, size: c.size ?? null, tags: c.tags ?? [] });
      created = true;
      if (!clientsByName.has(lower(client.name))) clientsByName.set(lower(client.name), client);
    }
    if (client.domain) clientsByDomain.set(client.domain, client);

    let contact: ContactRecord | undefined;
    if (incoming) {
      contact = byLinkedin ?? byEmail;
      const fields = {
        firstName: incoming.firstName,
        lastName: incoming.lastName,
        email: incoming.email,
        phone: incoming.phone,
        linkedinUrl: incoming.linkedinUrl,
      };
      if (contact) {
        updated = assignChanged(contact, fields) || updated;
      } else {
        contact = options.create.contact({ firstName: null, lastName: null, email: null, phone: null, linkedinUrl: null, ...stripNullish(fields) });
        created = true;
      }
      if (contact.email) contactsByEmail.set(contact.email, contact);
      if (contact.linkedinUrl) contactsByLinkedin.set(contact.linkedinUrl, contact);

      const key = `${client.id}:${contact.id}`;
      const p: Partial<NonNullable<ProspectItem['position']>> = item.position ?? {};
      const existing = positions.get(key);
      const fields2 = { title: p.title, email: p.email, startDate: p.startDate, endDate: p.endDate };
      if (existing) {
        updated = assignChanged(existing, fields2) || updated;
      } else {
        positions.set(
          key,
          options.create.position({
            clientId: client.id,
            contactId: contact.id,
            title: null,
            email: null,
            startDate: null,
            endDate: null,
            ...stripNullish(fields2),
          }),
        );
        created = true;
      }
    }
    return { index, status: created ? 'CREATED' : updated ? 'UPDATED' : 'UNCHANGED', clientId: client.id, contactId: contact?.id ?? null };
  });
}

function stripNullish<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
}
