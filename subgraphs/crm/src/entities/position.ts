import { defineEntity, p } from '@mikro-orm/core';
import type { InferEntity } from '@mikro-orm/core';
import { tenantFilters, tenantProperties } from '@flowledger/shared';

/** A contact at a client. References are (org_id, id) pairs in the database, so they never cross organisations. */
export const Position = defineEntity({
  name: 'Position',
  tableName: 'position',
  filters: tenantFilters,
  properties: {
    ...tenantProperties(),
    clientId: p.uuid(),
    contactId: p.uuid(),
    title: p.string().nullable(),
    email: p.string().nullable(),
    startDate: p.string().columnType('date').nullable(),
    endDate: p.string().columnType('date').nullable(),
  },
});

export type PositionRow = InferEntity<typeof Position>;
