import { defineEntity, p } from '@mikro-orm/core';
import type { InferEntity } from '@mikro-orm/core';
import { tenantFilters, tenantProperties } from '@flowledger/shared';
import { SLA_KINDS } from '../domain/sla.ts';

const STATUSES = ['OK', 'AT_RISK', 'BREACHED', 'MET'] as const;

export const SlaRule = defineEntity({
  name: 'SlaRule',
  tableName: 'sla_rule',
  filters: tenantFilters,
  properties: {
    ...tenantProperties(),
    kind: p.enum(SLA_KINDS),
    hours: p.decimal('number').precision(10).scale(2),
    warnFraction: p.decimal('number').precision(4).scale(3).default(0.8),
  },
});
export type SlaRuleRow = InferEntity<typeof SlaRule>;

export const SlaClock = defineEntity({
  name: 'SlaClock',
  tableName: 'sla_clock',
  filters: tenantFilters,
  properties: {
    ...tenantProperties(),
    kind: p.enum(SLA_KINDS),
    subjectId: p.uuid(),
    startedAt: p.datetime(),
    warnAt: p.datetime(),
    dueAt: p.datetime(),
    status: p.enum(STATUSES).default('OK'),
    metAt: p.datetime().nullable(),
    nextCheckAt: p.datetime().nullable(),
    eventSeq: p.integer().default(0),
  },
});
export type SlaClockRow = InferEntity<typeof SlaClock>;

export const SlaBreach = defineEntity({
  name: 'SlaBreach',
  tableName: 'sla_breach',
  filters: tenantFilters,
  properties: {
    ...tenantProperties(),
    clockId: p.uuid(),
    kind: p.enum(SLA_KINDS),
    subjectId: p.uuid(),
    breachedAt: p.datetime(),
  },
});
export type SlaBreachRow = InferEntity<typeof SlaBreach>;
