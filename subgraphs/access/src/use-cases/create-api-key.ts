import { z } from 'zod';
import { newApiKeySecret, onUniqueViolation, parseInput, uuidv7 } from '@flowledger/shared';
import type { UseCaseOptions, UserError } from '@flowledger/shared';
import { defaultExpiry, latestExpiry, requireKeyManager, MAX_KEY_LIFETIME_DAYS } from '../domain/api-key-rules.ts';
import { clientNameSchema } from '../domain/inputs.ts';
import { ApiKey } from '../entities/index.ts';
import type { ApiKeyRow } from '../entities/index.ts';
import { userError } from '../errors.ts';
import type { CreateApiKeyInput } from '../generated/resolvers-types.ts';

export interface CreateApiKeyResult {
  apiKey: ApiKeyRow | null;
  secret: string | null;
  userErrors: UserError[];
}

const createApiKeySchema = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  role: z.enum(['ADMIN', 'MEMBER', 'VIEWER']),
  clientName: clientNameSchema,
  expiresAt: z.date().nullish(),
  rateLimit: z
    .object({
      maximumAvailable: z.number().int().min(1, 'must be at least 1').max(1_000_000, 'must be at most 1,000,000'),
      restoreRate: z.number().int().min(1, 'must be at least 1').max(100_000, 'must be at most 100,000'),
    })
    .nullish(),
});

const refused = (userErrors: UserError[]): CreateApiKeyResult => ({ apiKey: null, secret: null, userErrors });

/** The secret exists only in this answer: the row keeps its hash and its prefix. */
export async function createApiKey(options: UseCaseOptions<CreateApiKeyInput>): Promise<CreateApiKeyResult> {
  requireKeyManager(options.org, 'create API keys');
  const parsed = parseInput(createApiKeySchema, options.input);
  if (!parsed.ok) return refused(parsed.userErrors);
  const { name, role, clientName } = parsed.data;
  const expiresAt = parsed.data.expiresAt ?? defaultExpiry(options.now);
  if (expiresAt.getTime() <= options.now.getTime()) return refused([userError(['input', 'expiresAt'], 'must be in the future', 'INVALID_INPUT')]);
  if (expiresAt > latestExpiry(options.now)) {
    return refused([userError(['input', 'expiresAt'], `must be at most ${MAX_KEY_LIFETIME_DAYS} days ahead`, 'INVALID_INPUT')]);
  }
  const taken = () => refused([userError(['input', 'name'], `an API key named "${name}" already exists`, 'NAME_TAKEN')]);
  if (await options.em.count(ApiKey, { name })) return taken();
  return onUniqueViolation(options.em, { api_key_org_name_uq: taken }, async (em) => {
    const id = uuidv7();
    const { secret, prefix, hash } = newApiKeySecret(options.org.orgId, id);
    const apiKey = em.create(ApiKey, {
      id,
      orgId: options.org.orgId,
      name,
      prefix,
      secretHash: hash,
      role,
      clientName,
      createdBy: options.org.actor.id,
      expiresAt,
      revokedAt: null,
      lastUsedAt: null,
      rateLimitPoints: parsed.data.rateLimit?.maximumAvailable ?? null,
      rateLimitRestore: parsed.data.rateLimit?.restoreRate ?? null,
    });
    await em.flush();
    return { apiKey, secret, userErrors: [] };
  });
}
