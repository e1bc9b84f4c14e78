import type { EntityManager } from '@mikro-orm/postgresql';
import { lockKeys, onUniqueViolation, userError, userErrorsFromZod } from '@flowledger/shared';
import type { UserError } from '@flowledger/shared';
import { Client } from '../entities/index.ts';
import type { ClientRow } from '../entities/index.ts';
import { createClientSchema } from '../domain/schemas.ts';

export interface ClientResult {
  client: ClientRow | null;
  userErrors: UserError[];
}

export async function createClient(options: { em: EntityManager; orgId: string; input: unknown }): Promise<ClientResult> {
  const parsed = createClientSchema.safeParse(options.input);
  if (!parsed.success) return { client: null, userErrors: userErrorsFromZod(parsed.error) };
  const { name, domain, industry, size, tags } = parsed.data;
  const duplicate = (): ClientResult => ({
    client: null,
    userErrors: [userError(['input', 'domain'], `a client with domain ${domain} already exists`, 'DUPLICATE_DOMAIN')],
  });
  if (domain) {
    await lockKeys(options.em, [domainKey(options.orgId, domain)]);
    if (await options.em.count(Client, { domain })) return duplicate();
  }
  return onUniqueViolation(options.em, { client_org_domain_uq: duplicate }, async (em) => {
    const client = em.create(Client, { orgId: options.orgId, name, domain: domain ?? null, industry: industry ?? null, size: size ?? null, tags: tags ?? [] });
    await em.flush();
    return { client, userErrors: [] };
  });
}

/** The lock every writer of a client's domain takes first (create, update, ingest). */
export const domainKey = (orgId: string, domain: string) => `crm:domain:${orgId}:${domain}`;
