import type { PublicRoute } from '@flowledger/shared';
import { isPrefetch, scoreHit } from '../domain/hit-score.ts';
import { readToken } from '../domain/tracking-token.ts';
import type { TokenFacts } from '../domain/tracking-token.ts';
import { hitWriterSlot } from '../workers/hit-writer.ts';

/** The 1×1 transparent GIF. */
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const NO_CACHE = { 'cache-control': 'no-store, no-cache, must-revalidate, private, max-age=0', pragma: 'no-cache', expires: '0' };
const TOKEN_RE = /^[A-Za-z0-9_-]{1,3000}\.[A-Za-z0-9_-]{22}$/;

/** Clicks of each message in the last seconds, to spot a scanner that follows every link at once. */
const recentClicks = new Map<string, { position: number; at: number }[]>();
function distinctRecentClicks(messageId: string, position: number, now: number): number {
  const kept = (recentClicks.get(messageId) ?? []).filter((c) => now - c.at < 5000);
  kept.push({ position, at: now });
  recentClicks.set(messageId, kept);
  if (recentClicks.size > 10_000) for (const key of [...recentClicks.keys()].slice(0, 1000)) recentClicks.delete(key);
  return new Set(kept.map((c) => c.position)).size;
}

type Options = Parameters<PublicRoute>[0];

/** The token's facts when it is ours, unaltered, unexpired and of that kind; else null. */
function factsOf(options: Options, prefix: string, kind: TokenFacts['kind']): { malformed: boolean; facts: TokenFacts | null } {
  const raw = options.url.pathname.slice(prefix.length).replace(/\.gif$/, '');
  if (!TOKEN_RE.test(raw)) return { malformed: true, facts: null };
  const text = options.links.open(raw);
  const facts = text ? readToken(text, options.clock.now()) : null;
  return { malformed: false, facts: facts && facts.kind === kind ? facts : null };
}

/** Scores the hit and waits until its batch committed (or it was dropped): the answer goes after. */
async function record(options: Options, facts: TokenFacts): Promise<void> {
  if (isPrefetch(options.req.method, options.req.headers)) return;
  const now = options.clock.now();
  const userAgent = typeof options.req.headers['user-agent'] === 'string' ? options.req.headers['user-agent'] : null;
  const ip = options.req.socket.remoteAddress ?? null;
  const position = facts.kind === 'CLICK' ? facts.position : null;
  const score = scoreHit({
    kind: facts.kind,
    userAgent,
    ip,
    secondsSinceSend: now.getTime() / 1000 - facts.sentAt,
    recentDistinctClicks: position === null ? 0 : distinctRecentClicks(facts.messageId, position, now.getTime()),
  });
  const writer = hitWriterSlot.current;
  if (!writer) return;
  await writer.record({ ...score, orgId: facts.orgId, messageId: facts.messageId, kind: facts.kind, linkPosition: position, at: now, ip, userAgent });
}

/**
 * GET /t/o/<token>: the pixel. Always the GIF (a forged, altered or expired token only records
 * nothing); a path that is not a token at all is a 400. HEAD and prefetches answer without counting.
 */
export const servePixel: PublicRoute = async (options) => {
  const { malformed, facts } = factsOf(options, '/t/o/', 'OPEN');
  if (malformed) {
    options.res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
    return void options.res.end('Not a tracking token\n');
  }
  if (facts) await record(options, facts);
  options.res.writeHead(200, { 'content-type': 'image/gif', 'content-length': String(GIF.length), ...NO_CACHE });
  options.res.end(options.req.method === 'HEAD' ? undefined : GIF);
};

/** GET /t/c/<token>: 302 to the registered URL the token carries; anything else is a plain 404. */
export const serveClick: PublicRoute = async (options) => {
  const { facts } = factsOf(options, '/t/c/', 'CLICK');
  if (!facts || facts.kind !== 'CLICK') {
    options.res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...NO_CACHE });
    return void options.res.end('This link is not valid.\n');
  }
  await record(options, facts);
  options.res.writeHead(302, { location: facts.url, ...NO_CACHE });
  options.res.end();
};
