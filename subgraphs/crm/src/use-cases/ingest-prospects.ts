import { raw } from '@mikro-orm/core';
import { z } from 'zod';
import { lockKeys, parseInput, uuidv7 } from '@flowledger/shared';
import type { UseCaseOptions, UserError } from '@flowledger/shared';
import { Client, Contact, Position } from '../entities/index.ts';
import { planIngest } from '../domain/plan-ingest.ts';
import type { ItemOutcome } from '../domain/plan-ingest.ts';
import { MAX_INGEST_ITEMS, prospectSchema } from '../domain/schemas.ts';
import type { ProspectItem } from '../domain/schemas.ts';
import { domainKey } from './create-client.ts';
import { emailKey, linkedinKey } from './create-contact.ts';
import type { IngestProspectsInput } from '../generated/resolvers-types.ts';

const envelopeSchema = z.object({
  items: z.array(z.unknown()).max(MAX_INGEST_ITEMS, `must have at most ${MAX_INGEST_ITEMS} items`),
});

export interface IngestResult {
  results: ItemOutcome[];
  userErrors: UserError[];
}

/**
 * The ProspectFlow ingest as one transaction: validate every item (a bad one is rejected alone),
 * read the rows that could match in three statements, plan the upserts in memory, flush once.
 */
export async function ingestProspects(options: UseCaseOptions<IngestProspectsInput>): Promise<IngestResult> {
  const { em } = options;
  const orgId = options.org.orgId;
  const envelope = parseInput(envelopeSchema, options.input);
  if (!envelope.ok) return { results: [], userErrors: envelope.userErrors };

  const valid: { index: number; item: ProspectItem }[] = [];
  const rejected: ItemOutcome[] = [];
  envelope.data.items.forEach((raw, index) => {
    const parsed = prospectSchema.safeParse(raw);
    if (parsed.success) valid.push({ index, item: parsed.data });
    else {
      const reason = parsed.error.issues.map((i) => `${['items', index, ...i.path].join('.')}: ${i.message}`).join('; ');
      rejected.push({ index, status: 'REJECTED', clientId: null, contactId: null, code: 'INVALID_INPUT', reason });
    }
  });

  const domains = unique(valid.map((v) => v.item.client.domain));
  const names = unique(valid.map((v) => v.item.client.name.toLocaleLowerCase('en')));
  const emails = unique(valid.map((v) => v.item.contact?.email));
  const linkedins = unique(valid.map((v) => v.item.contact?.linkedinUrl));
  // What this batch may match or create is locked before it is read: a concurrent ingest or create of
  // the same domain, name, email or URL waits for this one and then sees its rows (no duplicates, no
  // unique violations).
  await lockKeys(em, [
    ...domains.map((d) => domainKey(orgId, d)),
    ...names.map((n) => `crm:client-name:${orgId}:${n}`),
    ...emails.map((e) => emailKey(orgId, e)),
    ...linkedins.map((l) => linkedinKey(orgId, l)),
  ]);

  const clients = valid.length
    ? await em.find(Client, { $or: [{ domain: { $in: domains } }, { [raw('lower(name)')]: { $in: names } }] }, { orderBy: { id: 'asc' } })
    : [];
  const contacts = emails.length || linkedins.length ? await em.find(Contact, { $or: [{ email: { $in: emails } }, { linkedinUrl: { $in: linkedins } }] }) : [];
  const positions =
    clients.length && contacts.length
      ? await em.find(Position, { clientId: { $in: clients.map((c) => c.id) }, contactId: { $in: contacts.map((c) => c.id) } })
      : [];

  const outcomes = planIngest({
    items: valid,
    clients,
    contacts,
    positions,
    create: {
      client: (data) => em.create(Client, { id: uuidv7(), orgId, status: 'ACTIVE', ...data }),
      contact: (data) => em.create(Contact, { id: uuidv7(), orgId, ...data }),
      position: (data) => em.create(Position, { id: uuidv7(), orgId, ...data }),
    },
  });
  await em.flush();
  const results = [...outcomes, ...rejected].sort((a, b) => a.index - b.index);
  return { results, userErrors: [] };
}

function unique(values: (string | null | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && v.length > 0))];
}
