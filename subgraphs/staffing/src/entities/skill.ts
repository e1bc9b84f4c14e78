import { defineEntity, p } from '@mikro-orm/core';
import type { InferEntity } from '@mikro-orm/core';
import { tenantFilters, tenantProperties } from '@flowledger/shared';

export const Skill = defineEntity({
  name: 'Skill',
  tableName: 'skill',
  filters: tenantFilters,
  properties: {
    ...tenantProperties(),
    name: p.string(),
    category: p.string().nullable(),
  },
});
export type SkillRow = InferEntity<typeof Skill>;

export const StaffSkill = defineEntity({
  name: 'StaffSkill',
  tableName: 'staff_skill',
  filters: tenantFilters,
  properties: {
    ...tenantProperties(),
    staffId: p.uuid(),
    skillId: p.uuid(),
    level: p.integer(),
    lastUsed: p.string().columnType('date').nullable(),
    certifiedUntil: p.string().columnType('date').nullable(),
  },
});
export type StaffSkillRow = InferEntity<typeof StaffSkill>;
