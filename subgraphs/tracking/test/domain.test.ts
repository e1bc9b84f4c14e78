import { describe, expect, test } from '@jest/globals';
import { isPrefetch, scoreHit } from '../src/domain/hit-score.ts';
import { readToken, tokenText } from '../src/domain/tracking-token.ts';

const HUMAN = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const base = { kind: 'OPEN' as const, userAgent: HUMAN, ip: '203.0.113.9', secondsSinceSend: 3600, recentDistinctClicks: 0 };

describe('scoring a hit', () => {
  test('a person reading later counts; reasons are empty', () => {
    expect(scoreHit(base)).toEqual({ isBot: false, machine: false, reasons: [], score: 0 });
  });

  test('privacy proxies are machine opens: Apple Mail Privacy Protection by address and user agent, Gmail by user agent', () => {
    expect(scoreHit({ ...base, userAgent: 'Mozilla/5.0', ip: '17.58.63.1' })).toMatchObject({ machine: true, isBot: false, reasons: ['APPLE_MAIL_PRIVACY'] });
    expect(scoreHit({ ...base, userAgent: 'Mozilla/5.0', ip: '198.51.100.1' })).toMatchObject({ machine: false });
    expect(scoreHit({ ...base, userAgent: 'Mozilla/5.0 (via ggpht.com GoogleImageProxy)' })).toMatchObject({
      machine: true,
      isBot: false,
      reasons: ['GMAIL_IMAGE_PROXY'],
    });
  });

  test('scanners by user agent or address, hits within seconds of the send, and a message’s links clicked together are bots', () => {
    expect(scoreHit({ ...base, userAgent: 'curl/8.5.0' })).toMatchObject({ isBot: true, reasons: ['SCANNER_USER_AGENT'] });
    expect(scoreHit({ ...base, userAgent: '' })).toMatchObject({ isBot: true, reasons: ['NO_USER_AGENT'] });
    expect(scoreHit({ ...base, ip: '148.163.130.7' })).toMatchObject({ isBot: true, reasons: ['PROOFPOINT_SCANNER'] });
    expect(scoreHit({ ...base, ip: '::ffff:148.163.130.7' })).toMatchObject({ isBot: true });
    expect(scoreHit({ ...base, secondsSinceSend: 1 })).toMatchObject({ isBot: false, reasons: ['TOO_SOON_AFTER_SEND'], score: 40 });
    expect(scoreHit({ ...base, kind: 'CLICK', secondsSinceSend: 4 })).toMatchObject({ isBot: false, score: 40 });
    expect(scoreHit({ ...base, kind: 'CLICK', recentDistinctClicks: 3 })).toMatchObject({ isBot: true, reasons: ['LINK_SCANNER'] });
    expect(scoreHit({ ...base, kind: 'CLICK', secondsSinceSend: 2, recentDistinctClicks: 4 })).toMatchObject({ isBot: true, score: 140 });
  });

  test('HEAD and prefetches do not count', () => {
    expect(isPrefetch('HEAD', {})).toBe(true);
    expect(isPrefetch('GET', { purpose: 'prefetch' })).toBe(true);
    expect(isPrefetch('GET', { 'sec-purpose': 'prefetch;prerender' })).toBe(true);
    expect(isPrefetch('GET', { 'x-moz': 'prefetch' })).toBe(true);
    expect(isPrefetch('GET', {})).toBe(false);
  });
});

describe('token facts', () => {
  const org = '01938000-0000-7000-8000-00000000a001';
  const message = '01938000-0000-7000-8000-00000000c001';
  const now = new Date('2026-12-03T12:00:00Z');
  const later = Math.floor(now.getTime() / 1000) + 60;

  test('round trip for opens and clicks, URLs with | kept whole', () => {
    const open = { kind: 'OPEN' as const, orgId: org, messageId: message, sentAt: 1, expiresAt: later };
    expect(readToken(tokenText(open), now)).toEqual(open);
    const click = { kind: 'CLICK' as const, orgId: org, messageId: message, sentAt: 1, expiresAt: later, position: 2, url: 'https://example.com/a?b=1|2' };
    expect(readToken(tokenText(click), now)).toEqual(click);
  });

  test('expired, malformed or non-http targets read as nothing', () => {
    expect(readToken(tokenText({ kind: 'OPEN', orgId: org, messageId: message, sentAt: 1, expiresAt: 10 }), now)).toBeNull();
    expect(readToken(`v1|c|${org}|${message}|1|${later}|0|javascript:alert(1)`, now)).toBeNull();
    expect(readToken(`v2|o|${org}|${message}|1|${later}`, now)).toBeNull();
    expect(readToken(`v1|o|nope|${message}|1|${later}`, now)).toBeNull();
    expect(readToken('', now)).toBeNull();
  });
});
