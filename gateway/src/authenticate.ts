import type { IncomingHttpHeaders } from 'node:http';
import { InvalidTokenError } from '@flowledger/shared';
import type { OrgContext, Role, SessionClaims } from '@flowledger/shared';

export type AuthResult = { ok: true; org: OrgContext; expiresAt: number } | { ok: false; status: 401 | 503; message: string };

export interface AuthenticatorOptions {
  verifyToken(token: string): Promise<SessionClaims>;
  lookupMembership(userId: string, orgId: string): Promise<Role | null>;
}

/**
 * Turns a request's credential into the org context, or a refusal. The token's `org` must name one
 * of the user's memberships; the role comes from that membership, not from the token, so a changed
 * role takes effect without a new token.
 */
export function createAuthenticator(options: AuthenticatorOptions) {
  return async (headers: IncomingHttpHeaders, requestId: string): Promise<AuthResult> => {
    const authorization = headers.authorization;
    if (headers['x-api-key'] && !authorization) {
      return { ok: false, status: 401, message: 'API keys are not accepted yet; use a bearer token' };
    }
    if (!authorization) return { ok: false, status: 401, message: 'missing credential: send Authorization: Bearer <token>' };
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) return { ok: false, status: 401, message: 'malformed Authorization header: expected "Bearer <token>"' };
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
