import type { OrgContext } from '@flowledger/shared';
import { forbidden } from '@flowledger/shared';

/** How long a key lives when its creator does not say, and the longest it may. */
export const DEFAULT_KEY_LIFETIME_DAYS = 90;
export const MAX_KEY_LIFETIME_DAYS = 366;
const DAY_MS = 86_400_000;

export type ApiKeyStatus = 'ACTIVE' | 'EXPIRED' | 'REVOKED';

/** A key's status at an instant: revocation wins over expiry. */
export function apiKeyStatus(key: { expiresAt: Date; revokedAt?: Date | null }, now: Date): ApiKeyStatus {
  if (key.revokedAt) return 'REVOKED';
  return key.expiresAt.getTime() <= now.getTime() ? 'EXPIRED' : 'ACTIVE';
}

export const defaultExpiry = (now: Date) => new Date(now.getTime() + DEFAULT_KEY_LIFETIME_DAYS * DAY_MS);
export const latestExpiry = (now: Date) => new Date(now.getTime() + MAX_KEY_LIFETIME_DAYS * DAY_MS);

/**
 * Keys are managed by people who administer the organisation, never by a key — not even an ADMIN
 * key: a leaked key must not be able to mint the next one.
 */
export function requireKeyManager(org: OrgContext, action: string): void {
  if (org.actor.type !== 'user') throw forbidden(`an API key may not ${action}; sign in as an ADMIN`);
  if (!org.roles.includes('ADMIN')) throw forbidden(`only an ADMIN may ${action}`);
}
