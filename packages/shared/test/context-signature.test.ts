import { describe, expect, test } from '@jest/globals';
import { createReplayGuard, signContext, verifyContext } from '../src/signing/context-signature.ts';
import type { OrgContext } from '../src/auth/org-context.ts';

const secret = 's'.repeat(40);
const context: OrgContext = {
  orgId: '01938000-0000-7000-8000-00000000ac01',
  actor: { type: 'user', id: '01938000-0000-7000-8000-0000000a0001' },
  roles: ['ADMIN'],
  requestId: 'r-1',
};
const body = '{"query":"{ me { role } }"}';

describe('the gateway -> subgraph signature', () => {
  test('round-trips the context for the subgraph and body it was made for', () => {
    const headers = signContext({ secret, subgraph: 'crm', context, body });
    expect(verifyContext({ secret, subgraph: 'crm', headers, body })).toEqual({ ok: true, context, traceparent: null });
  });

  test('accepts a clock skew up to 30 s either way, not beyond', () => {
    const now = Date.now();
    for (const skew of [-30_000, 30_000]) {
      expect(verifyContext({ secret, subgraph: 'crm', headers: signContext({ secret, subgraph: 'crm', context, body, now: now + skew }), body, now }).ok).toBe(
        true,
      );
    }
    for (const skew of [-30_001, 30_001]) {
      expect(verifyContext({ secret, subgraph: 'crm', headers: signContext({ secret, subgraph: 'crm', context, body, now: now + skew }), body, now })).toEqual({
        ok: false,
        reason: 'signature timestamp outside the accepted window',
      });
    }
  });

  test.each([
    ['another secret', { secret: 'x'.repeat(40) }],
    ['another subgraph', { subgraph: 'access' }],
    ['another body', { body: body.replace('role', 'user') }],
  ])('fails with %s', (_name, change) => {
    const headers = signContext({ secret, subgraph: 'crm', context, body });
    expect(verifyContext({ secret, subgraph: 'crm', headers, body, ...change })).toEqual({ ok: false, reason: 'bad signature' });
  });

  test('fails without headers, and on a context that is not JSON', () => {
    expect(verifyContext({ secret, subgraph: 'crm', headers: {}, body })).toEqual({ ok: false, reason: 'missing signature headers' });
    const headers = { ...signContext({ secret, subgraph: 'crm', context, body }), 'x-fl-context': 'bm90IGpzb24' };
    expect(verifyContext({ secret, subgraph: 'crm', headers, body }).ok).toBe(false);
  });

  test('carries a system (null) context only when signed as such', () => {
    const headers = signContext({ secret, subgraph: 'access', context: null, body: '{}' });
    expect(verifyContext({ secret, subgraph: 'access', headers, body: '{}' })).toEqual({ ok: true, context: null, traceparent: null });
  });
});

describe('the replay guard', () => {
  test('accepts a nonce once, and forgets it once no signature carrying it could be accepted any more', () => {
    const guard = createReplayGuard({ windowMs: 30_000 });
    const t = 1_000_000;
    expect(guard.firstUse('n1', t)).toBe(true);
    expect(guard.firstUse('n1', t + 1000)).toBe(false);
    expect(guard.firstUse('n2', t + 2000)).toBe(true);
    expect(guard.firstUse('n3', t + 61_000)).toBe(true);
    expect(guard.size).toBe(2);
  });

  test('carries a traceparent under the signature: altered, dropped or malformed, the request is refused', () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const headers = signContext({ secret, subgraph: 'crm', context, body, traceparent });
    expect(verifyContext({ secret, subgraph: 'crm', headers, body })).toEqual({ ok: true, context, traceparent });
    const altered = { ...headers, traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b8-01' };
    expect(verifyContext({ secret, subgraph: 'crm', headers: altered, body })).toEqual({ ok: false, reason: 'bad signature' });
    const { traceparent: _dropped, ...without } = headers;
    expect(verifyContext({ secret, subgraph: 'crm', headers: without, body })).toEqual({ ok: false, reason: 'bad signature' });
    expect(verifyContext({ secret, subgraph: 'crm', headers: { ...headers, traceparent: 'nonsense' }, body })).toEqual({
      ok: false,
      reason: 'malformed traceparent',
    });
  });
});
