import { expect, test } from '@jest/globals';
import type { SubgraphContext } from '@flowledger/shared';
import type { Resolvers as AccessResolvers } from '../../../subgraphs/access/src/generated/resolvers-types.ts';
import type { AccessLoaders } from '../../../subgraphs/access/src/loaders.ts';
import type { Resolvers as CrmResolvers } from '../../../subgraphs/crm/src/generated/resolvers-types.ts';
import type { Context as CrmContext } from '../../../subgraphs/crm/src/context.ts';
import type { Resolvers as WorkstreamResolvers } from '../../../subgraphs/workstream/src/generated/resolvers-types.ts';
import type { Context as WsContext } from '../../../subgraphs/workstream/src/context.ts';

// `npm run typecheck` compiles this file: each resolver below is wrong on purpose, and each
// expect-error directive must be needed — if the generated types stopped catching a wrong return
// or argument type, the directive would be unused and the type check would fail.

export const wrongReturns = {
  // @ts-expect-error a user's name is a String, not a number
  access: { User: { name: () => 42 } } satisfies AccessResolvers<SubgraphContext<AccessLoaders>>,
  // @ts-expect-error a client's name is a String, not a boolean
  crm: { Client: { name: () => true } } satisfies CrmResolvers<CrmContext>,
  // @ts-expect-error a pursuit's version is an Int, not a string
  workstream: { Pursuit: { version: () => 'one' } } satisfies WorkstreamResolvers<WsContext>,
};

export const wrongArguments = {
  // @ts-expect-error pursuit(id:) takes an ID (string), not a number
  workstream: { Query: { pursuit: (_: unknown, args: { id: number }) => null } } satisfies WorkstreamResolvers<WsContext>,
};

test('the wrong resolvers above are type errors (npm run typecheck proves it; this only keeps the file a test)', () => {
  expect(Object.keys(wrongReturns)).toEqual(['access', 'crm', 'workstream']);
  expect(wrongArguments.workstream.Query.pursuit).toBeInstanceOf(Function);
});
