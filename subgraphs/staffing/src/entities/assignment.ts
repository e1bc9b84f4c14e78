import { defineEntity, p } from '@mikro-orm/core';
import type { InferEntity } from '@mikro-orm/core';
import { tenantFilters, tenantProperties } from '@flowledger/shared';

export const ASSIGNMENT_STATUSES = ['ACTIVE', 'ENDED'] as const;

/** The rate snapshot columns are written once, at creation; a trigger refuses any later change. */
export const Assignment = defineEntity({
  name: 'Assignment',
  tableName: 'assignment',
  filters: tenantFilters,
  properties: {
    ...tenantProperties(),
    staffId: p.uuid(),
    pursuitId: p.uuid().nullable(),
    engagementId: p.uuid().nullable(),
    role: p.string(),
    allocationPercent: p.decimal('string').precision(5).scale(2).nullable(),
    hoursPerWeek: p.decimal('string').precision(5).scale(2).nullable(),
    startDate: p.string().columnType('date'),
    endDate: p.string().columnType('date'),
    status: p.enum(ASSIGNMENT_STATUSES).default('ACTIVE'),
    endedAt: p.datetime().nullable(),
    rateCardId: p.uuid(),
    rateCardVersionId: p.uuid(),
    rateCardVersion: p.integer(),
    rateEffectiveFrom: p.string().columnType('date'),
    billRate: p.decimal('string').precision(12).scale(2),
    costRate: p.decimal('string').precision(12).scale(2),
    currency: p.string().length(3),
    eventSeq: p.integer().default(0),
  },
});
export type AssignmentRow = InferEntity<typeof Assignment>;
