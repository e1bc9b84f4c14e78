import { defineEntity, p } from '@mikro-orm/core';
import type { InferEntity } from '@mikro-orm/core';
import { tenantFilters, tenantProperties } from '@flowledger/shared';

export const StaffMember = defineEntity({
  name: 'StaffMember',
  tableName: 'staff_member',
  filters: tenantFilters,
  properties: {
    ...tenantProperties(),
    name: p.string(),
    email: p.string(),
    title: p.string().nullable(),
    role: p.string(),
    weeklyCapacityHours: p.decimal('string').precision(5).scale(2).default('40.00'),
    workingDays: p.array().default(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY']),
    active: p.boolean().default(true),
    userId: p.uuid().nullable(),
    eventSeq: p.integer().default(0),
  },
});
export type StaffMemberRow = InferEntity<typeof StaffMember>;

export const TimeOff = defineEntity({
  name: 'TimeOff',
  tableName: 'time_off',
  filters: tenantFilters,
  properties: {
    ...tenantProperties(),
    staffId: p.uuid(),
    startDate: p.string().columnType('date'),
    endDate: p.string().columnType('date'),
    hoursPerDay: p.decimal('string').precision(4).scale(2).nullable(),
    reason: p.string().nullable(),
  },
});
export type TimeOffRow = InferEntity<typeof TimeOff>;
