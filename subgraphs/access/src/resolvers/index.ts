import { DateTimeScalar } from '@flowledger/shared';
import type { Context } from '../context.ts';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { me } from './me.ts';

export const resolvers: Resolvers<Context> = {
  DateTime: DateTimeScalar,
  Query: { me },
  Organization: {
    __resolveReference: (ref, ctx) => ctx.loaders.organization.load(ref.id),
  },
  User: {
    __resolveReference: (ref, ctx) => ctx.loaders.user.load(ref.id),
  },
};
