import { defineEntity, p } from '@mikro-orm/core';
import type { InferEntity } from '@mikro-orm/core';
import { tenantFilters, tenantProperties } from '@flowledger/shared';
import { CANDIDATE_STATUSES, PRIORITIES } from '../domain/candidate-status.ts';

export const Candidate = defineEntity({
  name: 'Candidate',
  tableName: 'candidate',
  filters: tenantFilters,
  properties: {
    ...tenantProperties(),
    status: p.enum(CANDIDATE_STATUSES).default('NEW'),
    title: p.string(),
    clientId: p.uuid().nullable(),
    contactId: p.uuid().nullable(),
    priority: p.enum(PRIORITIES).default('MEDIUM'),
    assigneeId: p.uuid().nullable(),
    dueAt: p.datetime().nullable(),
    tags: p.array().default([]),
    firstTouchAt: p.datetime().nullable(),
    eventSeq: p.integer().default(0),
  },
});
export type CandidateRow = InferEntity<typeof Candidate>;
