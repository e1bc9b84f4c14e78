import type { EntityManager } from '@mikro-orm/postgresql';
import { lockKeys, notFound, onUniqueViolation, userError, userErrorsFromZod } from '@flowledger/shared';
import { Client } from '../entities/index.ts';
import { updateClientSchema } from '../domain/schemas.ts';
import { domainKey } from './create-client.ts';
import type { ClientResult } from './create-client.ts';

/** Changes only the fields present in the input; an id of another organisation is NOT_FOUND. */
export async function updateClient(options: { em: EntityManager; orgId: string; input: unknown }): Promise<ClientResult> {
  const parsed = updateClientSchema.safeParse(options.input);
  if (!parsed.success) return { client: null, userErrors: userErrorsFromZod(parsed.error) };
  const { id, ...changes } = parsed.data;
  const duplicate = (): ClientResult => ({
    client: null,
    userErrors: [userError(['input', 'domain'], `a client with domain ${changes.domain} already exists`, 'DUPLICATE_DOMAIN')],
  });
  if (changes.domain) await lockKeys(options.em, [domainKey(options.orgId, changes.domain)]);
  const client = await options.em.findOne(Client, { id });
  if (!client) return { client: null, userErrors: notFound(['input', 'id'], 'client', id) };
  if (client.status === 'ARCHIVED') {
    return { client: null, userErrors: [userError(['input', 'id'], 'an archived client cannot be changed', 'ARCHIVED')] };
  }
  if (changes.domain && changes.domain !== client.domain && (await options.em.count(Client, { domain: changes.domain }))) return duplicate();
  return onUniqueViolation(options.em, { client_org_domain_uq: duplicate }, async (em) => {
    for (const [key, value] of Object.entries(changes)) {
      if (value !== undefined) (client as Record<string, unknown>)[key] = value;
    }
    await em.flush();
    return { client, userErrors: [] };
  });
}
