import { DateTimeScalar, mutationFrom } from '@flowledger/shared';
import { apiKeyStatus } from '../domain/api-key-rules.ts';
import { createApiKey } from '../use-cases/create-api-key.ts';
import { revokeApiKey } from '../use-cases/revoke-api-key.ts';
import { registerPersistedOperations } from '../use-cases/register-persisted-operations.ts';
import { apiKeys } from './api-keys.ts';
import { persistedOperations } from './persisted-operations.ts';
import type { Context } from '../context.ts';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { me } from './me.ts';

export const resolvers: Resolvers<Context> = {
  DateTime: DateTimeScalar,
  Query: { me, apiKeys, persistedOperations },
  Mutation: {
    createApiKey: mutationFrom(createApiKey),
    revokeApiKey: mutationFrom(revokeApiKey),
    registerPersistedOperations: mutationFrom(registerPersistedOperations),
  },
  PersistedOperation: {
    __resolveReference: (ref, ctx) => ctx.loaders.persistedOperation.load(ref.id),
    type: (operation) => operation.type.toUpperCase() as 'QUERY' | 'MUTATION' | 'SUBSCRIPTION',
  },
  ApiKey: {
    __resolveReference: (ref, ctx) => ctx.loaders.apiKey.load(ref.id),
    status: (key, _args, ctx) => apiKeyStatus(key, ctx.clock.now()),
    createdBy: (key, _args, ctx) => ctx.loaders.user.load(key.createdBy),
    rateLimit: (key) => (key.rateLimitPoints && key.rateLimitRestore ? { maximumAvailable: key.rateLimitPoints, restoreRate: key.rateLimitRestore } : null),
  },
  Organization: {
    __resolveReference: (ref, ctx) => ctx.loaders.organization.load(ref.id),
  },
  User: {
    __resolveReference: (ref, ctx) => ctx.loaders.user.load(ref.id),
  },
};
