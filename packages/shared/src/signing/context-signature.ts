import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { orgContextSchema } from '../auth/org-context.ts';
import type { OrgContext } from '../auth/org-context.ts';

/** Headers the gateway adds to every subgraph request. */
export const SIGNATURE_HEADERS = {
  context: 'x-fl-context',
  timestamp: 'x-fl-timestamp',
  signature: 'x-fl-signature',
} as const;

/** How far a signature's timestamp may drift from the subgraph's clock. */
export const SIGNATURE_TOLERANCE_MS = 30_000;

function payload(subgraph: string, timestamp: string, encodedContext: string, requestId: string, body: string | Uint8Array): string {
  const bodyHash = createHash('sha256').update(body).digest('base64url');
  return `v1\n${timestamp}\n${subgraph}\n${encodedContext}\n${requestId}\n${bodyHash}`;
}

function hmac(secret: string, data: string): string {
  return createHmac('sha256', secret).update(data).digest('base64url');
}

/**
 * Signs the org context for one subgraph and one exact body. The subgraph name is covered so a
 * captured request cannot be replayed against another subgraph; the body hash so it cannot be edited.
 */
export function signContext(options: {
  secret: string;
  subgraph: string;
  context: OrgContext | null;
  body: string | Uint8Array;
  now?: number;
}): Record<string, string> {
  const requestId = options.context?.requestId ?? 'system';
  const timestamp = String(options.now ?? Date.now());
  const encoded = Buffer.from(JSON.stringify(options.context)).toString('base64url');
  return {
    [SIGNATURE_HEADERS.context]: encoded,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.signature]: hmac(options.secret, payload(options.subgraph, timestamp, encoded, requestId, options.body)),
  };
}

export type VerifyResult =
  | { ok: true; context: OrgContext | null }
  | { ok: false; reason: string };

/**
 * Checks a request's signature headers. A `null` context is a system request (no organisation):
 * subgraphs accept it only for the internal endpoints that need no tenant.
 */
export function verifyContext(options: {
  secret: string;
  subgraph: string;
  headers: Record<string, string | string[] | undefined>;
  body: string | Uint8Array;
  now?: number;
}): VerifyResult {
  const get = (name: string) => {
    const value = options.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const encoded = get(SIGNATURE_HEADERS.context);
  const timestamp = get(SIGNATURE_HEADERS.timestamp);
  const signature = get(SIGNATURE_HEADERS.signature);
  if (!encoded || !timestamp || !signature) return { ok: false, reason: 'missing signature headers' };
  const at = Number(timestamp);
  if (!Number.isFinite(at) || Math.abs((options.now ?? Date.now()) - at) > SIGNATURE_TOLERANCE_MS) {
    return { ok: false, reason: 'signature timestamp outside the accepted window' };
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'context header is not JSON' };
  }
  const requestId = decoded && typeof decoded === 'object' && 'requestId' in decoded ? String(decoded.requestId) : 'system';
  const expected = Buffer.from(hmac(options.secret, payload(options.subgraph, timestamp, encoded, requestId, options.body)));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad signature' };
  if (decoded === null) return { ok: true, context: null };
  const context = orgContextSchema.safeParse(decoded);
  if (!context.success) return { ok: false, reason: 'context is malformed' };
  return { ok: true, context: context.data };
}
