import { createRemoteJWKSet, jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import type { JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { roleSchema } from './org-context.ts';
import type { Role } from './org-context.ts';

const claimsSchema = z.object({
  sub: z.uuid(),
  org: z.uuid(),
  roles: z.array(roleSchema).min(1),
});
export type SessionClaims = z.infer<typeof claimsSchema> & { exp: number };

export interface TokenOptions {
  secret?: string;
  jwksUrl?: string;
  issuer: string;
  audience: string;
  /** The longest lifetime (exp - iat) accepted, in seconds. Default 24 h. */
  maxLifetimeSeconds?: number;
}

/** How far a token's iat may be ahead of this clock. */
const CLOCK_SKEW_SECONDS = 30;

export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

/** Verifies signature, expiry, issuer and audience, then the claims' shape. */
export function createTokenVerifier(options: TokenOptions): (token: string) => Promise<SessionClaims> {
  const key: Uint8Array | JWTVerifyGetKey = options.jwksUrl ? createRemoteJWKSet(new URL(options.jwksUrl)) : new TextEncoder().encode(requireSecret(options));
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, key as Uint8Array, {
        issuer: options.issuer,
        audience: options.audience,
        requiredClaims: ['exp', 'sub', 'iat'],
        // Pinned: a shared secret signs HS256 only; a JWKS, asymmetric algorithms only (never HS*,
        // which would let a public key be used as an HMAC secret).
        algorithms: options.jwksUrl ? ['RS256', 'PS256', 'ES256', 'EdDSA'] : ['HS256'],
        clockTolerance: CLOCK_SKEW_SECONDS,
      });
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success) throw new InvalidTokenError('token claims are malformed');
      const now = Math.floor(Date.now() / 1000);
      if (payload.iat! > now + CLOCK_SKEW_SECONDS) throw new InvalidTokenError('token is issued in the future');
      const maxLifetime = options.maxLifetimeSeconds ?? 86_400;
      if (payload.exp! - payload.iat! > maxLifetime) throw new InvalidTokenError(`token lifetime exceeds the accepted ${maxLifetime} s (JWT_MAX_LIFETIME_S)`);
      return { ...claims.data, exp: payload.exp! };
    } catch (error) {
      if (error instanceof InvalidTokenError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new InvalidTokenError('token expired');
      throw new InvalidTokenError('token is not valid');
    }
  };
}

export interface MintOptions {
  userId: string;
  orgId: string;
  roles: Role[];
  /** Lifetime in seconds. */
  expiresIn?: number;
}

/** Signs a development or test token with the HS256 secret. */
export async function mintToken(options: TokenOptions, mint: MintOptions): Promise<{ token: string; expiresAt: Date }> {
  const now = Math.floor(Date.now() / 1000);
  const exp = now + (mint.expiresIn ?? 12 * 3600);
  const token = await new SignJWT({ org: mint.orgId, roles: mint.roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(mint.userId)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt(now)
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(requireSecret(options)));
  return { token, expiresAt: new Date(exp * 1000) };
}

function requireSecret(options: TokenOptions): string {
  if (!options.secret) throw new Error('a JWT secret is required to sign or verify HS256 tokens');
  return options.secret;
}
