import type { Role } from '@flowledger/shared';
import { accessCaller } from './access-call.ts';

export interface MembershipLookupOptions {
  /** The access subgraph's base URL (its /graphql URL works too). */
  accessUrl: string;
  signingSecret: string;
  /** How long an answer is reused; a revoked membership stops working after at most this. */
  ttlMs?: number;
  maxEntries?: number;
  /** How long one lookup may take. Default 5 s. */
  timeoutMs?: number;
}

/**
 * Asks the access subgraph whether a user is a member of an organisation, and as what. Answers are
 * cached briefly per (user, organisation) so a busy session costs one lookup per TTL, not per request.
 */
export function createMembershipLookup(options: MembershipLookupOptions): (userId: string, orgId: string) => Promise<Role | null> {
  const ttl = options.ttlMs ?? 30_000;
  const max = options.maxEntries ?? 10_000;
  const cache = new Map<string, { role: Role | null; until: number }>();
  // Concurrent misses for one key share one call: a thousand sockets of one organisation connecting
  // at once cost the access subgraph one request, not a thousand.
  const inFlight = new Map<string, Promise<Role | null>>();
  // A hung access service must not hang every sign-in behind it: the caller answers 503 instead.
  const call = accessCaller(options);
  return (userId, orgId) => {
    const key = `${userId}:${orgId}`;
    const hit = cache.get(key);
    if (hit && hit.until > Date.now()) return Promise.resolve(hit.role);
    const pending = inFlight.get(key);
    if (pending) return pending;
    const lookup = fetchRole(key, userId, orgId).finally(() => inFlight.delete(key));
    inFlight.set(key, lookup);
    return lookup;
  };

  async function fetchRole(key: string, userId: string, orgId: string): Promise<Role | null> {
    const { role } = await call<{ role: Role | null }>('session', { userId, orgId });
    if (cache.size >= max) cache.delete(cache.keys().next().value!);
    cache.set(key, { role, until: Date.now() + ttl });
    return role;
  }
}
