import { DateTimeScalar } from '@flowledger/shared';
import type { SubgraphContext } from '@flowledger/shared';
import type { AccessLoaders } from '../loaders.ts';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { me } from './me.ts';

type Ctx = SubgraphContext<AccessLoaders>;

export const resolvers: Resolvers<Ctx> = {
  DateTime: DateTimeScalar,
  Query: { me },
  Organization: {
    __resolveReference: (ref, ctx) => ctx.loaders.organization.load(ref.id),
  },
  User: {
    __resolveReference: (ref, ctx) => ctx.loaders.user.load(ref.id),
  },
};
