import { defineEntity, p } from '@mikro-orm/core';
import type { InferEntity } from '@mikro-orm/core';
import { tenantFilters, tenantProperties } from '@flowledger/shared';
import { VERSION_STATUSES } from '../domain/rate-card-rules.ts';

export const RateCard = defineEntity({
  name: 'RateCard',
  tableName: 'rate_card',
  filters: tenantFilters,
  properties: {
    ...tenantProperties(),
    name: p.string(),
    currency: p.string().length(3),
  },
});
export type RateCardRow = InferEntity<typeof RateCard>;

export const RateCardVersion = defineEntity({
  name: 'RateCardVersion',
  tableName: 'rate_card_version',
  filters: tenantFilters,
  properties: {
    ...tenantProperties(),
    rateCardId: p.uuid(),
    version: p.integer(),
    effectiveFrom: p.string().columnType('date'),
    status: p.enum(VERSION_STATUSES).default('DRAFT'),
    publishedAt: p.datetime().nullable(),
  },
});
export type RateCardVersionRow = InferEntity<typeof RateCardVersion>;

export const RoleRate = defineEntity({
  name: 'RoleRate',
  tableName: 'role_rate',
  filters: tenantFilters,
  properties: {
    ...tenantProperties(),
    versionId: p.uuid(),
    role: p.string(),
    billRate: p.decimal('string').precision(12).scale(2),
    costRate: p.decimal('string').precision(12).scale(2),
  },
});
export type RoleRateRow = InferEntity<typeof RoleRate>;
