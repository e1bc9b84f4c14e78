import { describe, expect, test } from '@jest/globals';
import { GraphQLError } from 'graphql';
import { encodeCursor, parsePageArgs, toConnection } from '../src/graphql/connection.ts';

const id = (n: number) => `01938000-0000-7000-8000-${String(n).padStart(12, '0')}`;

describe('cursor connections', () => {
  test('first defaults to 50 (or the cap when lower) and is capped with a message naming the cap', () => {
    expect(parsePageArgs({}, 250).first).toBe(50);
    expect(parsePageArgs({}, 20).first).toBe(20);
    expect(() => parsePageArgs({ first: 251 }, 250)).toThrow(new GraphQLError('first: must be at most 250 (the page size cap)'));
  });

  test('a cursor round-trips; anything else is refused', () => {
    expect(parsePageArgs({ after: encodeCursor('Acme', id(1)) }, 250).after).toEqual({ key: 'Acme', id: id(1) });
    expect(() => parsePageArgs({ after: 'garbage' }, 250)).toThrow('after: is not a cursor from this list');
    expect(() => parsePageArgs({ after: encodeCursor('x', 'not-a-uuid') }, 250)).toThrow('after: is not a cursor from this list');
  });

  test('the extra fetched row only tells that there is a next page', () => {
    const rows = [1, 2, 3].map((n) => ({ id: id(n), name: `n${n}` }));
    const page = toConnection(rows, { first: 2, after: null }, 10, (r) => r.name);
    expect(page.edges.map((e) => e.node.name)).toEqual(['n1', 'n2']);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, endCursor: encodeCursor('n2', id(2)) });
    expect(toConnection(rows.slice(0, 2), { first: 2, after: null }, 2, (r) => r.name).pageInfo.hasNextPage).toBe(false);
  });
});
