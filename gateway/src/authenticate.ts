import type { IncomingHttpHeaders } from 'node:http';
import { InvalidTokenError } from '@flowledger/shared';
import { API_KEY_PREFIX } from '@flowledger/shared';
import type { OrgContext, Role, SessionClaims } from '@flowledger/shared';
import type { ApiKeyGate } from './api-keys.ts';

/** A partner app's request: the client name its persisted operations are registered under. */
export interface ApiClient {
  name: string;
  keyId: string;
  /** The key's own cost budget, or null for the gateway's default. */
  rateLimit: { maximumAvailable: number; restoreRate: number } | null;
}

export type AuthResult = { ok: true; org: OrgContext; expiresAt: number; client?: ApiClient } | { ok: false; status: 401 | 503; message: string };

export interface AuthenticatorOptions {
  verifyToken(token: string): Promise<SessionClaims>;
  lookupMembership(userId: string, orgId: string): Promise<Role | null>;
  apiKeys: ApiKeyGate;
}

/**
 * Turns a request's credential into the org context, or a refusal. The token's `org` must name one
 * of the user's memberships; the role comes from that membership, not from the token, so a changed
 * role takes effect without a new token.
 */
export function createAuthenticator(options: AuthenticatorOptions) {
  /** A key acts in its own organisation with its own role, as an actor of its own (type apiKey). */
  async function keyAuth(secret: string, requestId: string): Promise<AuthResult> {
    const check = await options.apiKeys.check(secret);
    if (!check.ok) return check;
    const { grant } = check;
    const org: OrgContext = { orgId: grant.orgId, actor: { type: 'apiKey', id: grant.keyId }, roles: [grant.role], requestId, client: grant.clientName };
    options.apiKeys.remember(org, secret);
    return {
      ok: true,
      org,
      expiresAt: Date.parse(grant.expiresAt),
      client: { name: grant.clientName, keyId: grant.keyId, rateLimit: grant.rateLimit ?? null },
    };
  }

  return async (headers: IncomingHttpHeaders, requestId: string): Promise<AuthResult> => {
    const authorization = headers.authorization;
    const apiKey = headers['x-api-key'];
    if (apiKey !== undefined) {
      if (authorization) return { ok: false, status: 401, message: 'send one credential: x-api-key or Authorization, not both' };
      return keyAuth(typeof apiKey === 'string' ? apiKey : '', requestId);
    }
    if (!authorization) return { ok: false, status: 401, message: 'missing credential: send Authorization: Bearer <token> or x-api-key: <key>' };
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) return { ok: false, status: 401, message: 'malformed Authorization header: expected "Bearer <token>"' };
    if (match[1]!.startsWith(API_KEY_PREFIX)) return keyAuth(match[1]!, requestId);
    let claims: SessionClaims;
    try {
      claims = await options.verifyToken(match[1]!);
    } catch (error) {
      if (error instanceof InvalidTokenError) return { ok: false, status: 401, message: error.message };
      throw error;
    }
    let role: Role | null;
    try {
      role = await options.lookupMembership(claims.sub, claims.org);
    } catch {
      return { ok: false, status: 503, message: 'the access service is unavailable; try again' };
    }
    if (!role) return { ok: false, status: 401, message: 'the token names an organisation the user is not a member of' };
    return {
      ok: true,
      expiresAt: claims.exp * 1000,
      org: { orgId: claims.org, actor: { type: 'user', id: claims.sub }, roles: [role], requestId },
    };
  };
}
