import type { EntityManager } from '@mikro-orm/postgresql';
import { userError, userErrorsFromZod, uuidv7 } from '@flowledger/shared';
import type { UserError } from '@flowledger/shared';
import { Client, Contact, Position } from '../entities/index.ts';
import type { ContactRow } from '../entities/index.ts';
import { createContactSchema } from '../domain/schemas.ts';

export interface ContactResult {
  contact: ContactRow | null;
  userErrors: UserError[];
}

/** Creates a contact, and with `clientId` its current position at that client. */
export async function createContact(options: { em: EntityManager; orgId: string; input: unknown }): Promise<ContactResult> {
  const { em, orgId } = options;
  const parsed = createContactSchema.safeParse(options.input);
  if (!parsed.success) return { contact: null, userErrors: userErrorsFromZod(parsed.error) };
  const { clientId, title, ...fields } = parsed.data;
  const errors: UserError[] = [];
  if (fields.email && (await em.count(Contact, { email: fields.email }))) {
    errors.push(userError(['input', 'email'], `a contact with email ${fields.email} already exists`, 'DUPLICATE_EMAIL'));
  }
  if (fields.linkedinUrl && (await em.count(Contact, { linkedinUrl: fields.linkedinUrl }))) {
    errors.push(userError(['input', 'linkedinUrl'], 'a contact with this LinkedIn URL already exists', 'DUPLICATE_LINKEDIN_URL'));
  }
  if (clientId && !(await em.count(Client, { id: clientId }))) {
    errors.push(userError(['input', 'clientId'], `no client with id ${clientId}`, 'NOT_FOUND'));
  }
  if (errors.length) return { contact: null, userErrors: errors };
  const contact = em.create(Contact, {
    id: uuidv7(),
    orgId,
    firstName: fields.firstName ?? null,
    lastName: fields.lastName ?? null,
    email: fields.email ?? null,
    phone: fields.phone ?? null,
    linkedinUrl: fields.linkedinUrl ?? null,
  });
  if (clientId) em.create(Position, { orgId, clientId, contactId: contact.id, title: title ?? null, email: fields.email ?? null });
  await em.flush();
  return { contact, userErrors: [] };
}
