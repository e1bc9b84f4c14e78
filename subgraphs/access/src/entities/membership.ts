import { defineEntity, p } from '@mikro-orm/core';
import { tenantFilters, tenantProperties } from '@flowledger/shared';

export const ROLES = ['ADMIN', 'MEMBER', 'VIEWER'] as const;

/** Ties a user to an organisation with one role; one per (organisation, user). */
export const Membership = defineEntity({
  name: 'Membership',
  tableName: 'membership',
  filters: tenantFilters,
  properties: {
    ...tenantProperties(),
    userId: p.uuid(),
    role: p.enum(ROLES),
  },
});
