import { timingSafeEqual } from 'node:crypto';
import { inOrgScope } from '@flowledger/shared';
import type { ApiKeyGrant, Orm } from '@flowledger/shared';
import { apiKeyStatus } from '../domain/api-key-rules.ts';
import { apiKeyQuerySchema } from '../domain/inputs.ts';
import { ApiKey } from '../entities/index.ts';

/** lastUsedAt is kept to the minute: one write per key per minute at most, not one per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The gateway asks whether a presented key opens the graph. The key names its organisation, so the
 * lookup runs in that organisation's scope under RLS like any read — never across organisations;
 * a forged organisation id finds nothing. The stored hash decides, compared in constant time.
 * Revoked, expired, unknown and malformed all answer the same `null`.
 */
export async function lookUpApiKey(options: { orm: Orm; input: unknown; now?: Date }): Promise<{ key: ApiKeyGrant | null }> {
  const parsed = apiKeyQuerySchema.safeParse(options.input);
  if (!parsed.success) return { key: null };
  const { orgId, keyId, hash } = parsed.data;
  const now = options.now ?? new Date();
  return inOrgScope(options.orm, orgId, async (em) => {
    const key = await em.findOne(ApiKey, { id: keyId });
    if (!key || !timingSafeEqual(Buffer.from(key.secretHash), Buffer.from(hash)) || apiKeyStatus(key, now) !== 'ACTIVE') return { key: null };
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      await em.nativeUpdate(ApiKey, { id: key.id }, { lastUsedAt: now });
    }
    const rateLimit = key.rateLimitPoints && key.rateLimitRestore ? { maximumAvailable: key.rateLimitPoints, restoreRate: key.rateLimitRestore } : null;
    return { key: { keyId: key.id, orgId: key.orgId, role: key.role, clientName: key.clientName, expiresAt: key.expiresAt.toISOString(), rateLimit } };
  });
}
