import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { notFound, userErrorsFromZod } from '@flowledger/shared';
import { Client } from '../entities/index.ts';
import type { ClientResult } from './create-client.ts';

const archiveSchema = z.object({ id: z.uuid('is not a valid id') });

/** Idempotent: archiving an archived client returns it unchanged. */
export async function archiveClient(options: { em: EntityManager; input: unknown }): Promise<ClientResult> {
  const parsed = archiveSchema.safeParse(options.input);
  if (!parsed.success) return { client: null, userErrors: userErrorsFromZod(parsed.error) };
  const client = await options.em.findOne(Client, { id: parsed.data.id });
  if (!client) return { client: null, userErrors: notFound(['input', 'id'], 'client', parsed.data.id) };
  client.status = 'ARCHIVED';
  await options.em.flush();
  return { client, userErrors: [] };
}
