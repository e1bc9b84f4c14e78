import { lockKeys, notFound, onUniqueViolation, parseInput } from '@flowledger/shared';
import type { UseCaseOptions } from '@flowledger/shared';
import { Client } from '../entities/index.ts';
import { updateClientSchema } from '../domain/schemas.ts';
import { userError } from '../errors.ts';
import type { UpdateClientInput } from '../generated/resolvers-types.ts';
import { domainKey } from './create-client.ts';
import type { ClientResult } from './create-client.ts';

/** Changes only the fields present in the input; an id of another organisation is NOT_FOUND. */
export async function updateClient(options: UseCaseOptions<UpdateClientInput>): Promise<ClientResult> {
  const parsed = parseInput(updateClientSchema, options.input);
  if (!parsed.ok) return { client: null, userErrors: parsed.userErrors };
  const { id, ...changes } = parsed.data;
  const duplicate = (): ClientResult => ({
    client: null,
    userErrors: [userError(['input', 'domain'], `a client with domain ${changes.domain} already exists`, 'DUPLICATE_DOMAIN')],
  });
  if (changes.domain) await lockKeys(options.em, [domainKey(options.org.orgId, changes.domain)]);
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
