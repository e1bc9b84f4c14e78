import { defineEntity, p } from '@mikro-orm/core';
import type { InferEntity } from '@mikro-orm/core';
import { tenantFilters, tenantProperties } from '@flowledger/shared';

export const Contact = defineEntity({
  name: 'Contact',
  tableName: 'contact',
  filters: tenantFilters,
  properties: {
    ...tenantProperties(),
    firstName: p.string().nullable(),
    lastName: p.string().nullable(),
    email: p.string().nullable(),
    phone: p.string().nullable(),
    linkedinUrl: p.string().nullable(),
  },
});

export type ContactRow = InferEntity<typeof Contact>;
