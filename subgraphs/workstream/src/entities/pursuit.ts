import { defineEntity, p } from '@mikro-orm/core';
import type { InferEntity } from '@mikro-orm/core';
import { tenantFilters, tenantProperties } from '@flowledger/shared';
import { PURSUIT_STAGES } from '../domain/pursuit-stage.ts';

export const Pursuit = defineEntity({
  name: 'Pursuit',
  tableName: 'pursuit',
  filters: tenantFilters,
  properties: {
    ...tenantProperties(),
    candidateId: p.uuid(),
    name: p.string(),
    stage: p.enum(PURSUIT_STAGES).default('QUALIFY'),
    clientId: p.uuid().nullable(),
    valueAmount: p.decimal('string').precision(18).scale(2).nullable(),
    valueCurrency: p.string().length(3).nullable(),
    probability: p.integer(),
    expectedCloseDate: p.string().columnType('date').nullable(),
    ownerId: p.uuid().nullable(),
    lostReason: p.string().nullable(),
    version: p.integer().default(1),
    eventSeq: p.integer().default(0),
  },
});
export type PursuitRow = InferEntity<typeof Pursuit>;

export const StageChange = defineEntity({
  name: 'StageChange',
  tableName: 'stage_change',
  filters: tenantFilters,
  properties: {
    ...tenantProperties(),
    pursuitId: p.uuid(),
    fromStage: p.enum(PURSUIT_STAGES).nullable(),
    toStage: p.enum(PURSUIT_STAGES),
    at: p.datetime(),
    byUserId: p.uuid().nullable(),
    note: p.string().nullable(),
  },
});
export type StageChangeRow = InferEntity<typeof StageChange>;
