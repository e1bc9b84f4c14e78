import type { EntityManager } from '@mikro-orm/postgresql';
import { userError, userErrorsFromZod } from '@flowledger/shared';
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
  if (domain && (await options.em.count(Client, { domain }))) {
    return { client: null, userErrors: [userError(['input', 'domain'], `a client with domain ${domain} already exists`, 'DUPLICATE_DOMAIN')] };
  }
  const client = options.em.create(Client, { orgId: options.orgId, name, domain: domain ?? null, industry: industry ?? null, size: size ?? null, tags: tags ?? [] });
  await options.em.flush();
  return { client, userErrors: [] };
}
