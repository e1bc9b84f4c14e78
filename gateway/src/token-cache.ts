import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { SessionClaims } from '@flowledger/shared';

/**
 * Verified tokens, remembered until they expire: a busy session's JWT is checked once, not on every
 * request (a signature check was a tenth of the gateway's CPU per request). Bounded; keyed by a hash
 * so the cache never holds a bearer credential; only successes are kept, so a bad token costs a
 * verification each time. Access still ends when the membership does (its own TTL), since the
 * membership is looked up after this, on every request.
 */
export function cachedTokenVerifier(
  verify: (token: string) => Promise<SessionClaims>,
  options: { maxEntries?: number; now?: () => number } = {},
): (token: string) => Promise<SessionClaims> {
  const now = options.now ?? Date.now;
  const cache = new LRUCache<string, SessionClaims>({ max: options.maxEntries ?? 10_000 });
  return async (token) => {
    const key = createHash('sha256').update(token).digest('base64url');
    const hit = cache.get(key);
    if (hit && hit.exp * 1000 > now()) return hit;
    // Expired, or never seen: the verifier decides (and says "token expired").
    const claims = await verify(token);
    cache.set(key, claims);
    return claims;
  };
}
