import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { orgContextSchema } from '../auth/org-context.ts';
import type { OrgContext } from '../auth/org-context.ts';

/** Headers the gateway adds to every subgraph request. */
export const SIGNATURE_HEADERS = {
  context: 'x-fl-context',
  timestamp: 'x-fl-timestamp',
  signature: 'x-fl-signature',
  /** Random per request and covered by the signature: a subgraph refuses one it has seen. */
  nonce: 'x-fl-nonce',
  /** W3C trace context of the gateway's fetch span, covered by the signature: nobody else can graft spans onto a trace. */
  traceparent: 'traceparent',
} as const;

/** version-traceid-parentid-flags, lower-case hex (W3C Trace Context). */
const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** How far a signature's timestamp may drift from the subgraph's clock. */
export const SIGNATURE_TOLERANCE_MS = 30_000;

function payload(
  subgraph: string,
  timestamp: string,
  nonce: string,
  encodedContext: string,
  requestId: string,
  body: string | Uint8Array,
  traceparent: string,
): string {
  const bodyHash = createHash('sha256').update(body).digest('base64url');
  return `v3\n${timestamp}\n${nonce}\n${subgraph}\n${encodedContext}\n${requestId}\n${traceparent}\n${bodyHash}`;
}

/**
 * Remembers the nonces of accepted signatures for as long as their timestamps are acceptable, so a
 * captured request cannot be sent again within the window. Per process: replicas of one subgraph
 * each keep their own (a replay to another replica is the one case it does not catch).
 */
export function createReplayGuard(options: { windowMs?: number; maxEntries?: number } = {}) {
  const windowMs = options.windowMs ?? SIGNATURE_TOLERANCE_MS;
  const maxEntries = options.maxEntries ?? 1_000_000;
  // Insertion order is expiry order closely enough: prune from the front.
  const seen = new Map<string, number>();
  return {
    /** True the first time a nonce is presented; false for a replay (or when memory is full). */
    firstUse(nonce: string, now: number = Date.now()): boolean {
      for (const [key, expires] of seen) {
        if (expires > now) break;
        seen.delete(key);
      }
      if (seen.has(nonce) || seen.size >= maxEntries) return false;
      // A timestamp may be up to the tolerance ahead of this clock: remember it for twice as long.
      seen.set(nonce, now + 2 * windowMs);
      return true;
    },
    get size() {
      return seen.size;
    },
  };
}

export type ReplayGuard = ReturnType<typeof createReplayGuard>;

// A request's context is signed for each of its subgraph fetches: its header form is built once.
const encodedContexts = new WeakMap<OrgContext, string>();
function encodeContext(context: OrgContext | null): string {
  if (context === null) return 'bnVsbA';
  let encoded = encodedContexts.get(context);
  if (encoded === undefined) encodedContexts.set(context, (encoded = Buffer.from(JSON.stringify(context)).toString('base64url')));
  return encoded;
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
  /** The fetch span's trace context, when tracing is on. */
  traceparent?: string | null;
}): Record<string, string> {
  const requestId = options.context?.requestId ?? 'system';
  const timestamp = String(options.now ?? Date.now());
  // 122 random bits from the runtime's pooled entropy (randomBytes asks the system on every call).
  const nonce = randomUUID();
  const encoded = encodeContext(options.context);
  const traceparent = options.traceparent ?? '';
  const headers: Record<string, string> = {
    [SIGNATURE_HEADERS.context]: encoded,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: hmac(options.secret, payload(options.subgraph, timestamp, nonce, encoded, requestId, options.body, traceparent)),
  };
  if (traceparent) headers[SIGNATURE_HEADERS.traceparent] = traceparent;
  return headers;
}

export type VerifyResult = { ok: true; context: OrgContext | null; traceparent: string | null } | { ok: false; reason: string };

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
  /** Refuses a signature whose nonce was accepted before (a replay). */
  replayGuard?: ReplayGuard;
}): VerifyResult {
  const get = (name: string) => {
    const value = options.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const encoded = get(SIGNATURE_HEADERS.context);
  const timestamp = get(SIGNATURE_HEADERS.timestamp);
  const signature = get(SIGNATURE_HEADERS.signature);
  const nonce = get(SIGNATURE_HEADERS.nonce);
  if (!encoded || !timestamp || !signature || !nonce) return { ok: false, reason: 'missing signature headers' };
  if (nonce.length > 64) return { ok: false, reason: 'malformed nonce' };
  const traceparent = get(SIGNATURE_HEADERS.traceparent) ?? '';
  if (traceparent && !TRACEPARENT.test(traceparent)) return { ok: false, reason: 'malformed traceparent' };
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
  const expected = Buffer.from(hmac(options.secret, payload(options.subgraph, timestamp, nonce, encoded, requestId, options.body, traceparent)));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad signature' };
  // Only after the signature holds, so forged requests cannot fill the guard's memory.
  if (options.replayGuard && !options.replayGuard.firstUse(nonce, options.now)) return { ok: false, reason: 'replayed signature' };
  if (decoded === null) return { ok: true, context: null, traceparent: traceparent || null };
  const context = orgContextSchema.safeParse(decoded);
  if (!context.success) return { ok: false, reason: 'context is malformed' };
  return { ok: true, context: context.data, traceparent: traceparent || null };
}
