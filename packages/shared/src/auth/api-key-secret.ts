import { createHash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

/**
 * An API key's secret: `flk_` and 91 base64url characters holding 32 random bytes, the key's id,
 * its organisation's id and a CRC-32 of those 64 bytes. The random part comes first, so the
 * displayed prefix (`flk_` + 8 characters) tells keys apart; the ids let the gateway ask for the one
 * key in its own organisation's scope — no lookup ever crosses organisations — and the checksum lets
 * it (and secret scanners) refuse a mistyped or made-up key without asking anyone. Only a SHA-256
 * of the whole secret is stored: 256 random bits need no slow hash.
 */
export const API_KEY_PREFIX = 'flk_';
const RANDOM_BYTES = 32;
const BODY_BYTES = RANDOM_BYTES + 16 + 16;
const ENCODED_LENGTH = Math.ceil(((BODY_BYTES + 4) * 4) / 3);
const SHAPE = new RegExp(`^${API_KEY_PREFIX}[A-Za-z0-9_-]{${ENCODED_LENGTH}}$`);

export type ParsedApiKey = { ok: true; orgId: string; keyId: string; hash: string } | { ok: false; reason: string };

const uuidBytes = (uuid: string) => Buffer.from(uuid.replaceAll('-', ''), 'hex');
const uuidText = (bytes: Buffer) => {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A new secret for a key: shown to its creator once; the database keeps `hash` and `prefix`. */
export function newApiKeySecret(orgId: string, keyId: string): { secret: string; prefix: string; hash: string } {
  const body = Buffer.concat([randomBytes(RANDOM_BYTES), uuidBytes(keyId), uuidBytes(orgId)]);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(crc32(body));
  const secret = API_KEY_PREFIX + Buffer.concat([body, checksum]).toString('base64url');
  return { secret, prefix: displayPrefix(secret), hash: hashApiKey(secret) };
}

export function displayPrefix(secret: string): string {
  return secret.slice(0, API_KEY_PREFIX.length + 8);
}

/** Looks like one of ours? The ids inside are not trusted: the stored hash decides. */
export function parseApiKey(text: string): ParsedApiKey {
  if (!text.startsWith(API_KEY_PREFIX)) return { ok: false, reason: `an API key starts with "${API_KEY_PREFIX}"` };
  if (!SHAPE.test(text)) return { ok: false, reason: 'malformed API key: wrong length or characters' };
  const bytes = Buffer.from(text.slice(API_KEY_PREFIX.length), 'base64url');
  const body = bytes.subarray(0, BODY_BYTES);
  if (bytes.length !== BODY_BYTES + 4 || bytes.readUInt32BE(BODY_BYTES) !== crc32(body)) {
    return { ok: false, reason: 'malformed API key: its checksum does not match (a typo, or not a key of ours)' };
  }
  return {
    ok: true,
    keyId: uuidText(body.subarray(RANDOM_BYTES, RANDOM_BYTES + 16)),
    orgId: uuidText(body.subarray(RANDOM_BYTES + 16)),
    hash: hashApiKey(text),
  };
}

/** What the access subgraph tells the gateway about a key that opens the graph (the wire contract). */
export interface ApiKeyGrant {
  keyId: string;
  orgId: string;
  role: 'ADMIN' | 'MEMBER' | 'VIEWER';
  clientName: string;
  expiresAt: string;
  /** The key's own cost budget, or null for the gateway's default. */
  rateLimit: { maximumAvailable: number; restoreRate: number } | null;
}
