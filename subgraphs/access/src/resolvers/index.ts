import { DateTimeScalar } from '@flowledger/shared';
import type { SubgraphContext } from '@flowledger/shared';
import type { AccessLoaders } from '../loaders.ts';
import { me } from './me.ts';

type Ctx = SubgraphContext<AccessLoaders>;

export const resolvers = {
  DateTime: DateTimeScalar,
  Query: { me },
  Organization: {
    __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.organization.load(ref.id),
  },
  User: {
    __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.user.load(ref.id),
  },
};
