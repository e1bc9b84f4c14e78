import { defineEntity, p } from '@mikro-orm/core';
import type { InferEntity } from '@mikro-orm/core';
import { tenantFilters, tenantProperties } from '@flowledger/shared';

import { CLIENT_SIZES, CLIENT_STATUSES } from '../domain/client-enums.ts';

export const Client = defineEntity({
  name: 'Client',
  tableName: 'client',
  filters: tenantFilters,
  properties: {
    ...tenantProperties(),
    name: p.string(),
    domain: p.string().nullable(),
    industry: p.string().nullable(),
    size: p.enum(CLIENT_SIZES).nullable(),
    status: p.enum(CLIENT_STATUSES).default('ACTIVE'),
    tags: p.array().default([]),
  },
});

export type ClientRow = InferEntity<typeof Client>;
