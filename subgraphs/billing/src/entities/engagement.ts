import { defineEntity, p } from '@mikro-orm/core';
import type { InferEntity } from '@mikro-orm/core';
import { tenantFilters, tenantProperties } from '@flowledger/shared';
import { BILLING_MODELS, ENGAGEMENT_STATUSES } from '../domain/engagement-rules.ts';

export const ENGAGEMENT_ORIGINS = ['PURSUIT_WON', 'MANUAL'] as const;
export const MILESTONE_STATUSES = ['PENDING', 'DUE', 'INVOICED'] as const;

/** A client's delivery work; one per pursuit at most (a partial unique index). */
export const Engagement = defineEntity({
  name: 'Engagement',
  tableName: 'engagement',
  filters: tenantFilters,
  properties: {
    ...tenantProperties(),
    clientId: p.uuid(),
    pursuitId: p.uuid().nullable(),
    name: p.string(),
    currency: p.string().length(3),
    billingModel: p.enum(BILLING_MODELS),
    budgetAmount: p.decimal('string').precision(16).scale(2).nullable(),
    status: p.enum(ENGAGEMENT_STATUSES).default('ACTIVE'),
    origin: p.enum(ENGAGEMENT_ORIGINS),
    eventSeq: p.integer().default(0),
  },
});
export type EngagementRow = InferEntity<typeof Engagement>;

export const Milestone = defineEntity({
  name: 'Milestone',
  tableName: 'milestone',
  filters: tenantFilters,
  properties: {
    ...tenantProperties(),
    engagementId: p.uuid(),
    name: p.string(),
    amount: p.decimal('string').precision(16).scale(2),
    dueDate: p.string().columnType('date'),
    status: p.enum(MILESTONE_STATUSES).default('PENDING'),
    invoiceId: p.uuid().nullable(),
  },
});
export type MilestoneRow = InferEntity<typeof Milestone>;
