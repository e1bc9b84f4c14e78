import { isbot } from 'isbot';
import proxies from './mail-proxies.json' with { type: 'json' };

export interface HitSignals {
  kind: 'OPEN' | 'CLICK';
  userAgent: string | null;
  ip: string | null;
  secondsSinceSend: number;
  /** Distinct links of the same message clicked in the last few seconds, this one included. */
  recentDistinctClicks: number;
}

export interface HitScore {
  isBot: boolean;
  /** A privacy proxy fetched the pixel: a machine open, counted apart from people's. */
  machine: boolean;
  reasons: string[];
  score: number;
}

/** Points from which a hit counts as a bot. */
export const BOT_THRESHOLD = 50;

function ipv4(ip: string): number | null {
  const m = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.some((p) => p > 255) ? null : ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}

/** A CIDR range as its masked start and mask, parsed once. */
function range(cidr: string): { start: number; mask: number } {
  const [base, bits] = cidr.split('/');
  const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
  return { start: (ipv4(base!)! & mask) >>> 0, mask };
}
const inRange = (address: number | null, r: { start: number; mask: number }) => address !== null && (address & r.mask) >>> 0 === r.start;
const SCANNERS = proxies.scannerRanges.map((s) => ({ ...range(s.range), reason: s.reason }));
const APPLE = proxies.appleMailPrivacy.ranges.map(range);

/** isbot's verdict per user agent, remembered (a few user agents make most hits). */
const botAgents = new Map<string, boolean>();
function isBotAgent(ua: string): boolean {
  let verdict = botAgents.get(ua);
  if (verdict === undefined) {
    verdict = isbot(ua);
    if (botAgents.size >= 10_000) botAgents.clear();
    botAgents.set(ua, verdict);
  }
  return verdict;
}

/**
 * A hit's score from documented signals (README, "Bot and proxy filtering"): a scanner's or crawler's
 * user agent (isbot) or none at all, an address of a mail security scanner, a hit within seconds of
 * the send (an open in under 2 s, a click in under 10 s), a message's links clicked together (3 or
 * more within 5 s: a link scanner). Privacy proxies (Apple Mail Privacy Protection, Gmail's image
 * proxy) make an open a machine open instead. No I/O: the data lives in mail-proxies.json.
 */
export function scoreHit(signals: HitSignals): HitScore {
  const reasons: string[] = [];
  let score = 0;
  let machine = false;
  const ua = signals.userAgent?.trim() ?? '';
  const address = signals.ip ? ipv4(signals.ip) : null;
  if (!ua) {
    reasons.push('NO_USER_AGENT');
    score += 50;
  } else if (isBotAgent(ua)) {
    reasons.push('SCANNER_USER_AGENT');
    score += 100;
  }
  for (const scanner of SCANNERS)
    if (inRange(address, scanner)) {
      reasons.push(scanner.reason);
      score += 100;
      break;
    }
  if (signals.kind === 'OPEN') {
    const proxy = proxies.machineOpenUserAgents.find((p) => ua.includes(p.match));
    if (proxy) {
      machine = true;
      reasons.push(proxy.reason);
    } else if (ua === proxies.appleMailPrivacy.userAgent && APPLE.some((r) => inRange(address, r))) {
      machine = true;
      reasons.push('APPLE_MAIL_PRIVACY');
    }
    if (signals.secondsSinceSend < 2) {
      reasons.push('TOO_SOON_AFTER_SEND');
      score += 40;
    }
  } else {
    if (signals.secondsSinceSend < 10) {
      reasons.push('TOO_SOON_AFTER_SEND');
      score += 40;
    }
    if (signals.recentDistinctClicks >= 3) {
      reasons.push('LINK_SCANNER');
      score += 100;
    }
  }
  // A known proxy's own fetch is a machine open, not a bot: isbot flags GoogleImageProxy too.
  if (machine) {
    const kept = reasons.filter((r) => r !== 'SCANNER_USER_AGENT');
    score -= reasons.includes('SCANNER_USER_AGENT') ? 100 : 0;
    reasons.splice(0, reasons.length, ...kept);
  }
  return { isBot: score >= BOT_THRESHOLD, machine: machine && score < BOT_THRESHOLD, reasons, score };
}

/** Requests that must not count: HEAD, and browsers' prefetches and previews. */
export function isPrefetch(method: string | undefined, headers: Record<string, string | string[] | undefined>): boolean {
  if (method === 'HEAD') return true;
  const purpose = String(headers.purpose ?? headers['sec-purpose'] ?? headers['x-purpose'] ?? headers['x-moz'] ?? '').toLowerCase();
  return purpose.includes('prefetch') || purpose.includes('preview');
}
