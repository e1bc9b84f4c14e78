import { defineEntity, p } from '@mikro-orm/core';
import type { InferEntity } from '@mikro-orm/core';
import { tenantFilters, tenantProperties } from '@flowledger/shared';
import { TIME_ENTRY_STATUSES } from '../domain/time-entry-states.ts';

/** Time on an engagement; the rate columns are written at approval and then frozen (a trigger holds them). */
export const TimeEntry = defineEntity({
  name: 'TimeEntry',
  tableName: 'time_entry',
  filters: tenantFilters,
  properties: {
    ...tenantProperties(),
    engagementId: p.uuid(),
    staffId: p.uuid(),
    entryDate: p.string().columnType('date'),
    minutes: p.integer(),
    billable: p.boolean().default(true),
    note: p.string().nullable(),
    status: p.enum(TIME_ENTRY_STATUSES).default('DRAFT'),
    assignmentId: p.uuid().nullable(),
    role: p.string().nullable(),
    billRate: p.decimal('string').precision(14).scale(4).nullable(),
    currency: p.string().length(3).nullable(),
    amount: p.decimal('string').precision(16).scale(2).nullable(),
    rejectionReason: p.string().nullable(),
    approvedAt: p.datetime().nullable(),
    approvedBy: p.uuid().nullable(),
    invoiceId: p.uuid().nullable(),
  },
});
export type TimeEntryRow = InferEntity<typeof TimeEntry>;

/**
 * Billing's read model of staffing's assignments, kept from AssignmentCreated / Updated / Ended
 * (never read from staffing's schema). `sourceSeq` is the last event applied: an older one is ignored.
 */
export const KnownAssignment = defineEntity({
  name: 'KnownAssignment',
  tableName: 'known_assignment',
  filters: tenantFilters,
  properties: {
    ...tenantProperties(),
    staffId: p.uuid(),
    engagementId: p.uuid().nullable(),
    pursuitId: p.uuid().nullable(),
    role: p.string(),
    startDate: p.string().columnType('date'),
    endDate: p.string().columnType('date'),
    billRate: p.decimal('string').precision(14).scale(4),
    currency: p.string().length(3),
    rateCardVersionId: p.uuid(),
    sourceSeq: p.integer(),
  },
});
export type KnownAssignmentRow = InferEntity<typeof KnownAssignment>;
