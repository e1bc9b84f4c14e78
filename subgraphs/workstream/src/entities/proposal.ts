import { defineEntity, p } from '@mikro-orm/core';
import type { InferEntity } from '@mikro-orm/core';
import { tenantFilters, tenantProperties } from '@flowledger/shared';
import { PROPOSAL_STATUSES } from '../domain/proposal-status.ts';

export const Proposal = defineEntity({
  name: 'Proposal',
  tableName: 'proposal',
  filters: tenantFilters,
  properties: {
    ...tenantProperties(),
    pursuitId: p.uuid(),
    version: p.integer(),
    status: p.enum(PROPOSAL_STATUSES).default('DRAFT'),
    title: p.string(),
    sentAt: p.datetime().nullable(),
    respondedAt: p.datetime().nullable(),
    /** The first human open of a tracked mail that carried it (tracking's EngagementRecorded). */
    firstViewedAt: p.datetime().nullable(),
    eventSeq: p.integer().default(0),
  },
});
export type ProposalRow = InferEntity<typeof Proposal>;
