/**
 * What a tracking token carries, before it is sealed with the subgraph's link key (HMAC): the kind,
 * the organisation and message, when it stops counting, and for a click the link's position and its
 * registered URL — so a click redirects only where registerMessage said, and even while the database
 * is away. Fields are `|`-separated; a URL cannot contain a raw `|` once encoded (it is last).
 */
export type TokenFacts =
  | { kind: 'OPEN'; orgId: string; messageId: string; sentAt: number; expiresAt: number }
  | { kind: 'CLICK'; orgId: string; messageId: string; sentAt: number; expiresAt: number; position: number; url: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function tokenText(facts: TokenFacts): string {
  const head = `v1|${facts.kind === 'OPEN' ? 'o' : 'c'}|${facts.orgId}|${facts.messageId}|${facts.sentAt}|${facts.expiresAt}`;
  return facts.kind === 'OPEN' ? head : `${head}|${facts.position}|${facts.url}`;
}

/** The facts of a token's text (already verified by its seal), or null when it is not one of ours, or expired. */
export function readToken(text: string, now: Date): TokenFacts | null {
  const parts = text.split('|');
  const digits = /^\d{1,12}$/;
  if (parts[0] !== 'v1' || !UUID.test(parts[2] ?? '') || !UUID.test(parts[3] ?? '') || !digits.test(parts[4] ?? '') || !digits.test(parts[5] ?? ''))
    return null;
  const sentAt = Number(parts[4]);
  const expiresAt = Number(parts[5]);
  if (expiresAt * 1000 < now.getTime()) return null;
  const base = { orgId: parts[2]!, messageId: parts[3]!, sentAt, expiresAt };
  if (parts[1] === 'o' && parts.length === 6) return { kind: 'OPEN', ...base };
  if (parts[1] === 'c' && parts.length >= 8 && /^\d{1,2}$/.test(parts[6]!)) {
    const url = parts.slice(7).join('|');
    if (!/^https?:\/\//.test(url)) return null;
    return { kind: 'CLICK', ...base, position: Number(parts[6]), url };
  }
  return null;
}
