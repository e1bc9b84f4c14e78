import { lockKeys, onUniqueViolation, parseInput } from '@flowledger/shared';
import type { UseCaseOptions, UserError } from '@flowledger/shared';
import { Client } from '../entities/index.ts';
import type { ClientRow } from '../entities/index.ts';
import { createClientSchema } from '../domain/schemas.ts';
import { userError } from '../errors.ts';
import type { CreateClientInput } from '../generated/resolvers-types.ts';

export interface ClientResult {
  client: ClientRow | null;
  userErrors: UserError[];
}

/** A new ACTIVE client; a domain another client of the organisation has is DUPLICATE_DOMAIN, also under a race. */
export async function createClient(options: UseCaseOptions<CreateClientInput>): Promise<ClientResult> {
  const orgId = options.org.orgId;
  const parsed = parseInput(createClientSchema, options.input);
  if (!parsed.ok) return { client: null, userErrors: parsed.userErrors };
  const { name, domain, industry, size, tags } = parsed.data;
  const duplicate = (): ClientResult => ({
    client: null,
    userErrors: [userError(['input', 'domain'], `a client with domain ${domain} already exists`, 'DUPLICATE_DOMAIN')],
  });
  if (domain) {
    await lockKeys(options.em, [domainKey(orgId, domain)]);
    if (await options.em.count(Client, { domain })) return duplicate();
  }
  return onUniqueViolation(options.em, { client_org_domain_uq: duplicate }, async (em) => {
    const client = em.create(Client, { orgId, name, domain: domain ?? null, industry: industry ?? null, size: size ?? null, tags: tags ?? [] });
    await em.flush();
    return { client, userErrors: [] };
  });
}

/** The lock every writer of a client's domain takes first (create, update, ingest). */
export const domainKey = (orgId: string, domain: string) => `crm:domain:${orgId}:${domain}`;
