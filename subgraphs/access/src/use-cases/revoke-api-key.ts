import { LockMode } from '@mikro-orm/core';
import { z } from 'zod';
import { notFound, parseInput, recordEvent } from '@flowledger/shared';
import type { UseCaseOptions, UserError } from '@flowledger/shared';
import { requireKeyManager } from '../domain/api-key-rules.ts';
import { ApiKey } from '../entities/index.ts';
import type { ApiKeyRow } from '../entities/index.ts';
import type { RevokeApiKeyInput } from '../generated/resolvers-types.ts';

export const ACCESS_SCHEMA = 'access';

const revokeSchema = z.object({ id: z.uuid('is not a valid id') });

/**
 * Revokes a key and says so as an event (ApiKeyRevoked, through the outbox in this transaction):
 * every gateway process drops the key from its cache and closes its sockets when the event arrives,
 * rather than when a cache entry happens to expire. Idempotent: revoking a revoked key changes nothing.
 */
export async function revokeApiKey(options: UseCaseOptions<RevokeApiKeyInput>): Promise<{ apiKey: ApiKeyRow | null; userErrors: UserError[] }> {
  requireKeyManager(options.org, 'revoke API keys');
  const parsed = parseInput(revokeSchema, options.input);
  if (!parsed.ok) return { apiKey: null, userErrors: parsed.userErrors };
  const apiKey = await options.em.findOne(ApiKey, { id: parsed.data.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!apiKey) return { apiKey: null, userErrors: notFound(['input', 'id'], 'API key', parsed.data.id) };
  if (apiKey.revokedAt) return { apiKey, userErrors: [] };
  apiKey.revokedAt = options.now;
  apiKey.eventSeq += 1;
  await recordEvent(options.em, ACCESS_SCHEMA, {
    orgId: apiKey.orgId,
    type: 'ApiKeyRevoked',
    aggregateType: 'ApiKey',
    aggregateId: apiKey.id,
    seq: apiKey.eventSeq,
    payload: { apiKeyId: apiKey.id, clientName: apiKey.clientName, by: options.org.actor.id, at: options.now.toISOString() },
    occurredAt: options.now,
  });
  await options.em.flush();
  return { apiKey, userErrors: [] };
}
