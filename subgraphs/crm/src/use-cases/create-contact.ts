import { lockKeys, notFound, onUniqueViolation, parseInput, uuidv7 } from '@flowledger/shared';
import type { UseCaseOptions, UserError } from '@flowledger/shared';
import { Client, Contact, Position } from '../entities/index.ts';
import type { ContactRow } from '../entities/index.ts';
import { createContactSchema } from '../domain/schemas.ts';
import { userError } from '../errors.ts';
import type { CreateContactInput } from '../generated/resolvers-types.ts';

export interface ContactResult {
  contact: ContactRow | null;
  userErrors: UserError[];
}

/** Creates a contact, and with `clientId` its current position at that client. */
export async function createContact(options: UseCaseOptions<CreateContactInput>): Promise<ContactResult> {
  const { em } = options;
  const orgId = options.org.orgId;
  const parsed = parseInput(createContactSchema, options.input);
  if (!parsed.ok) return { contact: null, userErrors: parsed.userErrors };
  const { clientId, title, ...fields } = parsed.data;
  await lockKeys(
    em,
    [fields.email && emailKey(orgId, fields.email), fields.linkedinUrl && linkedinKey(orgId, fields.linkedinUrl)].filter((k): k is string => Boolean(k)),
  );
  const duplicateEmail = userError(['input', 'email'], `a contact with email ${fields.email} already exists`, 'DUPLICATE_EMAIL');
  const duplicateLinkedin = userError(['input', 'linkedinUrl'], 'a contact with this LinkedIn URL already exists', 'DUPLICATE_LINKEDIN_URL');
  const errors: UserError[] = [];
  if (fields.email && (await em.count(Contact, { email: fields.email }))) errors.push(duplicateEmail);
  if (fields.linkedinUrl && (await em.count(Contact, { linkedinUrl: fields.linkedinUrl }))) errors.push(duplicateLinkedin);
  if (clientId && !(await em.count(Client, { id: clientId }))) {
    errors.push(...notFound(['input', 'clientId'], 'client', clientId));
  }
  if (errors.length) return { contact: null, userErrors: errors };
  const refused = (error: UserError) => (): ContactResult => ({ contact: null, userErrors: [error] });
  return onUniqueViolation(em, { contact_org_email_uq: refused(duplicateEmail), contact_org_linkedin_uq: refused(duplicateLinkedin) }, async (tx) => {
    const contact = tx.create(Contact, {
      id: uuidv7(),
      orgId,
      firstName: fields.firstName ?? null,
      lastName: fields.lastName ?? null,
      email: fields.email ?? null,
      phone: fields.phone ?? null,
      linkedinUrl: fields.linkedinUrl ?? null,
    });
    if (clientId) tx.create(Position, { orgId, clientId, contactId: contact.id, title: title ?? null, email: fields.email ?? null });
    await tx.flush();
    return { contact, userErrors: [] };
  });
}

/** The locks every writer of a contact's identity takes first (create, ingest). */
export const emailKey = (orgId: string, email: string) => `crm:email:${orgId}:${email}`;
export const linkedinKey = (orgId: string, url: string) => `crm:linkedin:${orgId}:${url}`;
