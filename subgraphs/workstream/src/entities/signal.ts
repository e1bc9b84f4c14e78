import { defineEntity, p } from '@mikro-orm/core';
import type { InferEntity } from '@mikro-orm/core';
import { tenantFilters, tenantProperties } from '@flowledger/shared';

export const SIGNAL_SOURCES = ['WEB', 'REFERRAL', 'INGEST', 'PARTNER', 'MANUAL'] as const;

export const Signal = defineEntity({
  name: 'Signal',
  tableName: 'signal',
  filters: tenantFilters,
  properties: {
    ...tenantProperties(),
    source: p.enum(SIGNAL_SOURCES),
    summary: p.string(),
    clientId: p.uuid().nullable(),
    contactId: p.uuid().nullable(),
    receivedAt: p.datetime(),
    externalId: p.string().nullable(),
    candidateId: p.uuid(),
  },
});
export type SignalRow = InferEntity<typeof Signal>;
