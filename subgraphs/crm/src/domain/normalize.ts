const DOMAIN_RE = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const LINKEDIN_RE = /^(?:https?:\/\/)?(?:[a-z]{2,3}\.|www\.)?linkedin\.com\/in\/([^/?#\s]+)\/?(?:[?#].*)?$/i;
const HANDLE_RE = /^[\p{L}\p{N}_%-]{3,100}$/u;

/**
 * A company's domain as it is stored and matched: `https://www.Acme.com/about` -> `acme.com`.
 * Returns null for anything that is not a host name.
 */
export function normalizeDomain(input: string): string | null {
  let host = input.trim().toLowerCase();
  host = host.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  host = host.split(/[/?#]/, 1)[0]!;
  host = host
    .replace(/:\d+$/, '')
    .replace(/\.$/, '')
    .replace(/^www\./, '');
  return DOMAIN_RE.test(host) ? host : null;
}

/** A LinkedIn profile URL in one canonical form, or null when it is not one. */
export function normalizeLinkedinUrl(input: string): string | null {
  const match = LINKEDIN_RE.exec(input.trim());
  if (!match) return null;
  let handle: string;
  try {
    handle = decodeURIComponent(match[1]!).toLowerCase();
  } catch {
    return null;
  }
  return HANDLE_RE.test(handle) ? `https://www.linkedin.com/in/${encodeURIComponent(handle)}` : null;
}

/** Tags trimmed, without empties and duplicates, in first-seen order. */
export function normalizeTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim()).filter(Boolean))];
}

/** Union of two tag lists, keeping the existing order first. */
export function mergeTags(existing: readonly string[], incoming: readonly string[]): string[] {
  return normalizeTags([...existing, ...incoming]);
}
