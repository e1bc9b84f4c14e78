import { describe, expect, test } from '@jest/globals';
import { InvalidTokenError } from '@flowledger/shared';
import type { SessionClaims } from '@flowledger/shared';
import { cachedTokenVerifier } from '../src/token-cache.ts';

const claims = (exp: number): SessionClaims => ({
  sub: '01938000-0000-7000-8000-0000000a0001',
  org: '01938000-0000-7000-8000-00000000a001',
  roles: ['ADMIN'],
  exp,
});

describe('verified tokens are remembered until they expire', () => {
  test('a token is verified once however often it is sent, and again once it has expired', async () => {
    let now = 1_000_000_000_000;
    let calls = 0;
    const verify = cachedTokenVerifier(
      async () => {
        calls++;
        if (now >= 1_000_000_060_000) throw new InvalidTokenError('token expired');
        return claims(1_000_000_060);
      },
      { now: () => now },
    );
    for (let i = 0; i < 5; i++) expect((await verify('t1')).org).toBe('01938000-0000-7000-8000-00000000a001');
    expect(calls).toBe(1);
    now = 1_000_000_060_000;
    await expect(verify('t1')).rejects.toThrow('token expired');
    expect(calls).toBe(2);
  });

  test('a refused token is not remembered: each attempt is checked', async () => {
    let calls = 0;
    const verify = cachedTokenVerifier(async () => {
      calls++;
      throw new InvalidTokenError('token is not valid');
    });
    await expect(verify('bad')).rejects.toThrow('token is not valid');
    await expect(verify('bad')).rejects.toThrow('token is not valid');
    expect(calls).toBe(2);
  });
});
