import { defineEntity, p } from '@mikro-orm/core';
import { tenantFilters, tenantProperties } from '@flowledger/shared';
import { OPERATION_TYPES } from '../domain/manifest.ts';

/** One operation a partner app may run, registered from its manifest; its id is the SHA-256 of its body. */
export const PersistedOperation = defineEntity({
  name: 'PersistedOperation',
  tableName: 'persisted_operation',
  filters: tenantFilters,
  properties: {
    ...tenantProperties(),
    clientName: p.string(),
    operationId: p.string(),
    name: p.string(),
    type: p.enum(OPERATION_TYPES),
    body: p.text(),
    registeredBy: p.uuid(),
  },
});

/** A document a person's client registered through automatic persisted queries (a bounded cache per organisation). */
export const ApqDocument = defineEntity({
  name: 'ApqDocument',
  tableName: 'apq_document',
  filters: tenantFilters,
  properties: {
    ...tenantProperties(),
    hash: p.string(),
    body: p.text(),
    lastUsedAt: p.datetime(),
  },
});
