import { LRUCache } from 'lru-cache';
import { parseApiKey } from '@flowledger/shared';
import type { ApiKeyGrant, OrgContext, ParsedApiKey } from '@flowledger/shared';
import { accessCaller } from './access-call.ts';

export type { ApiKeyGrant };

export interface ApiKeyGateOptions {
  accessUrl: string;
  signingSecret: string;
  /** How long an answer is reused when no revocation event arrives (the bus down). Default 30 s. */
  ttlMs?: number;
  maxEntries?: number;
  timeoutMs?: number;
}

export type KeyCheck = { ok: true; grant: ApiKeyGrant } | { ok: false; status: 401 | 503; message: string };

/**
 * Checks the API keys clients present. A key's answer is cached by the hash of its secret (never the
 * secret) for `ttlMs`; a revocation arrives as an event and takes effect at once on this process —
 * the cached answer is dropped and the key id is remembered as revoked for longer than any cache
 * entry could live, so an answer fetched just before the revocation committed cannot bring it back.
 */
export function createApiKeyGate(options: ApiKeyGateOptions) {
  const ttl = options.ttlMs ?? 30_000;
  const cache = new LRUCache<string, { grant: ApiKeyGrant | null }>({ max: options.maxEntries ?? 10_000, ttl });
  const revoked = new LRUCache<string, true>({ max: 100_000, ttl: Math.max(ttl * 4, 300_000) });
  const inFlight = new Map<string, Promise<ApiKeyGrant | null>>();
  // The key an org context was opened with, so an open socket can be checked again later.
  const hashes = new WeakMap<OrgContext, ParsedApiKey & { ok: true }>();

  const call = accessCaller(options);
  const fetchGrant = async (key: ParsedApiKey & { ok: true }) =>
    (await call<{ key: ApiKeyGrant | null }>('api-key', { orgId: key.orgId, keyId: key.keyId, hash: key.hash })).key;

  async function grantFor(key: ParsedApiKey & { ok: true }): Promise<ApiKeyGrant | null> {
    if (revoked.has(key.keyId)) return null;
    const hit = cache.get(key.hash);
    if (hit) return hit.grant;
    let pending = inFlight.get(key.hash);
    if (!pending) {
      pending = fetchGrant(key).finally(() => inFlight.delete(key.hash));
      inFlight.set(key.hash, pending);
    }
    const grant = await pending;
    if (revoked.has(key.keyId)) return null;
    cache.set(key.hash, { grant });
    return grant;
  }

  const usable = (grant: ApiKeyGrant | null): grant is ApiKeyGrant => grant !== null && Date.parse(grant.expiresAt) > Date.now();

  return {
    /** The grant for a presented secret, or why it is refused (the message never repeats the secret). */
    async check(secret: string): Promise<KeyCheck> {
      const key = parseApiKey(secret.trim());
      if (!key.ok) return { ok: false, status: 401, message: key.reason };
      let grant: ApiKeyGrant | null;
      try {
        grant = await grantFor(key);
      } catch {
        return { ok: false, status: 503, message: 'the access service is unavailable; try again' };
      }
      if (!usable(grant)) return { ok: false, status: 401, message: 'the API key is unknown, revoked or expired' };
      return { ok: true, grant };
    },
    /** Remembers which key opened a context (for revalidating its socket). */
    remember(org: OrgContext, secret: string): void {
      const key = parseApiKey(secret.trim());
      if (key.ok) hashes.set(org, key);
    },
    /** Whether the key a context was opened with still opens the graph (a cached answer will do). */
    async stillValid(org: OrgContext): Promise<boolean> {
      const key = hashes.get(org);
      if (!key || revoked.has(key.keyId)) return false;
      return usable(await grantFor(key));
    },
    /** A revocation event: refused from now on in this process. */
    revoke(keyId: string): void {
      revoked.set(keyId, true);
      for (const [hash, entry] of cache.entries()) if (entry.grant?.keyId === keyId) cache.delete(hash);
    },
    isRevoked: (keyId: string) => revoked.has(keyId),
  };
}

export type ApiKeyGate = ReturnType<typeof createApiKeyGate>;
