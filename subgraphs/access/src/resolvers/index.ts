import { DateTimeScalar, mutationFrom } from '@flowledger/shared';
import { apiKeyStatus } from '../domain/api-key-rules.ts';
import { createApiKey } from '../use-cases/create-api-key.ts';
import { revokeApiKey } from '../use-cases/revoke-api-key.ts';
import { apiKeys } from './api-keys.ts';
import type { Context } from '../context.ts';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { me } from './me.ts';

export const resolvers: Resolvers<Context> = {
  DateTime: DateTimeScalar,
  Query: { me, apiKeys },
  Mutation: {
    createApiKey: mutationFrom(createApiKey),
    revokeApiKey: mutationFrom(revokeApiKey),
  },
  ApiKey: {
    __resolveReference: (ref, ctx) => ctx.loaders.apiKey.load(ref.id),
    status: (key, _args, ctx) => apiKeyStatus(key, ctx.clock.now()),
    createdBy: (key, _args, ctx) => ctx.loaders.user.load(key.createdBy),
  },
  Organization: {
    __resolveReference: (ref, ctx) => ctx.loaders.organization.load(ref.id),
  },
  User: {
    __resolveReference: (ref, ctx) => ctx.loaders.user.load(ref.id),
  },
};
