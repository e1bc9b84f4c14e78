import { defineEntity, p } from '@mikro-orm/core';
import { tenantFilters, tenantProperties } from '@flowledger/shared';
import { ROLES } from './membership.ts';

/**
 * A partner app's credential in one organisation. The secret is never stored: only its SHA-256
 * (`secretHash`) and the first characters (`prefix`) that let a person recognise it in a list.
 */
export const ApiKey = defineEntity({
  name: 'ApiKey',
  tableName: 'api_key',
  filters: tenantFilters,
  properties: {
    ...tenantProperties(),
    name: p.string(),
    prefix: p.string(),
    secretHash: p.string(),
    role: p.enum(ROLES),
    /** The partner app it belongs to: the persisted operations it may run are registered under this name. */
    clientName: p.string(),
    createdBy: p.uuid(),
    expiresAt: p.datetime(),
    revokedAt: p.datetime().nullable(),
    lastUsedAt: p.datetime().nullable(),
    /** A budget of its own (cost points, and points restored per second); null: the gateway's default. */
    rateLimitPoints: p.integer().nullable(),
    rateLimitRestore: p.integer().nullable(),
    eventSeq: p.integer().default(0),
  },
});
