import { describe, expect, test } from '@jest/globals';
import { normalizeDomain, normalizeLinkedinUrl, normalizeTags } from '../src/domain/normalize.ts';

describe('normalizeDomain', () => {
  test.each([
    ['acme.com', 'acme.com'],
    ['https://www.Acme.com/about?x=1', 'acme.com'],
    ['HTTP://sub.acme.co.uk:8080/', 'sub.acme.co.uk'],
    ['acme.com.', 'acme.com'],
    ['  www.xn--bcher-kva.example  ', 'xn--bcher-kva.example'],
  ])('%s -> %s', (input, expected) => expect(normalizeDomain(input)).toBe(expected));

  test.each(['localhost', 'not a domain', 'acme..com', '-acme.com', 'acme.c', 'https://', `${'a'.repeat(64)}.com`])('%s is refused', (input) => {
    expect(normalizeDomain(input)).toBeNull();
  });
});

describe('normalizeLinkedinUrl', () => {
  test.each([
    ['https://www.linkedin.com/in/jane-doe', 'https://www.linkedin.com/in/jane-doe'],
    ['linkedin.com/in/Jane-Doe/', 'https://www.linkedin.com/in/jane-doe'],
    ['https://de.linkedin.com/in/jane-doe?trk=abc', 'https://www.linkedin.com/in/jane-doe'],
    ['http://linkedin.com/in/j%C3%BCrgen', 'https://www.linkedin.com/in/j%C3%BCrgen'],
  ])('%s -> %s', (input, expected) => expect(normalizeLinkedinUrl(input)).toBe(expected));

  test.each(['https://linkedin.com/company/acme', 'https://example.com/in/jane', 'jane-doe', 'https://linkedin.com/in/a'])('%s is refused', (input) => {
    expect(normalizeLinkedinUrl(input)).toBeNull();
  });
});

test('normalizeTags trims, drops empties and duplicates, keeps first-seen order', () => {
  expect(normalizeTags([' vip', 'vip', '', 'new ', 'VIP'])).toEqual(['vip', 'new', 'VIP']);
});
