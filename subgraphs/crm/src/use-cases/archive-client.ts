import { z } from 'zod';
import { notFound, parseInput } from '@flowledger/shared';
import type { UseCaseOptions } from '@flowledger/shared';
import { Client } from '../entities/index.ts';
import type { ClientResult } from './create-client.ts';
import type { ArchiveClientInput } from '../generated/resolvers-types.ts';

const archiveSchema = z.object({ id: z.uuid('is not a valid id') });

/** Idempotent: archiving an archived client returns it unchanged. */
export async function archiveClient(options: UseCaseOptions<ArchiveClientInput>): Promise<ClientResult> {
  const parsed = parseInput(archiveSchema, options.input);
  if (!parsed.ok) return { client: null, userErrors: parsed.userErrors };
  const client = await options.em.findOne(Client, { id: parsed.data.id });
  if (!client) return { client: null, userErrors: notFound(['input', 'id'], 'client', parsed.data.id) };
  client.status = 'ARCHIVED';
  await options.em.flush();
  return { client, userErrors: [] };
}
