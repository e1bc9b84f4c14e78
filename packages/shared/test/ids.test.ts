import { expect, test } from '@jest/globals';
import { uuidv7 } from '../src/ids.ts';

test('ids made one after another sort in the order they were made, within one millisecond too', () => {
  const ids = Array.from({ length: 2000 }, () => uuidv7());
  expect([...ids].sort()).toEqual(ids);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('an id for a given instant carries that instant', () => {
  const at = Date.parse('2026-01-01T00:00:00Z');
  expect(Number.parseInt(uuidv7(at).replaceAll('-', '').slice(0, 12), 16)).toBe(at);
});
