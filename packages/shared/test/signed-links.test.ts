import { describe, expect, test } from '@jest/globals';
import { createSignedLinks } from '../src/signing/signed-links.ts';

const ORG = '01938000-0000-7000-8000-00000000a001';
const links = createSignedLinks({ secret: 's'.repeat(32), subgraph: 'billing', publicUrl: () => 'https://billing.example.com/' });

describe('signed links', () => {
  test('a link verifies for its path and organisation until it expires', () => {
    const now = new Date('2026-12-03T10:00:00Z');
    const url = new URL(links.sign('/invoices/x.pdf', { orgId: ORG, ttlSeconds: 60, now }));
    expect(url.origin + url.pathname).toBe('https://billing.example.com/invoices/x.pdf');
    expect(links.verify(url.pathname, url.searchParams, now)).toEqual({ ok: true, orgId: ORG });
    expect(links.verify(url.pathname, url.searchParams, new Date(now.getTime() + 61_000))).toEqual({ ok: false, reason: 'expired' });
    expect(links.verify('/invoices/y.pdf', url.searchParams, now)).toEqual({ ok: false, reason: 'invalid' });
    const other = new URLSearchParams(url.searchParams);
    other.set('o', '01938000-0000-7000-8000-00000000b001');
    expect(links.verify(url.pathname, other, now)).toEqual({ ok: false, reason: 'invalid' });
  });

  test("another subgraph's key, or a link secret of its own, does not verify this subgraph's links", () => {
    const url = new URL(links.sign('/p', { orgId: ORG, ttlSeconds: 60 }));
    const tracking = createSignedLinks({ secret: 's'.repeat(32), subgraph: 'tracking', publicUrl: () => '' });
    const rotated = createSignedLinks({ secret: 's'.repeat(32), subgraph: 'billing', publicUrl: () => '', linkSecret: 'r'.repeat(32) });
    expect(tracking.verify('/p', url.searchParams)).toMatchObject({ ok: false });
    expect(rotated.verify('/p', url.searchParams)).toMatchObject({ ok: false });
  });

  test('a sealed token opens to its text; forged, altered, truncated or oversized ones open to nothing', () => {
    const token = links.seal('o|message|3');
    expect(links.open(token)).toBe('o|message|3');
    const [body, mac] = token.split('.');
    expect(links.open(`${Buffer.from('o|message|4').toString('base64url')}.${mac}`)).toBeNull();
    expect(links.open(`${body}.${mac!.slice(0, -1)}A`)).toBeNull();
    expect(links.open(body!)).toBeNull();
    expect(links.open(`${body}.`)).toBeNull();
    expect(links.open('x'.repeat(5000))).toBeNull();
    expect(links.open('../../etc/passwd.abc')).toBeNull();
  });
});
