import { defineEntity, p } from '@mikro-orm/core';
import type { InferEntity } from '@mikro-orm/core';
import { tenantFilters, tenantProperties } from '@flowledger/shared';

const STAGES = ['PINK', 'RED'] as const;

/** An organisation's template: what every new pursuit's PINK and RED checklists hold. */
export const ChecklistTemplateItem = defineEntity({
  name: 'ChecklistTemplateItem',
  tableName: 'checklist_template_item',
  filters: tenantFilters,
  properties: {
    ...tenantProperties(),
    stage: p.enum(STAGES),
    label: p.string(),
    required: p.boolean().default(true),
    position: p.integer(),
  },
});

export const ChecklistItem = defineEntity({
  name: 'ChecklistItem',
  tableName: 'checklist_item',
  filters: tenantFilters,
  properties: {
    ...tenantProperties(),
    pursuitId: p.uuid(),
    stage: p.enum(STAGES),
    label: p.string(),
    required: p.boolean(),
    position: p.integer(),
    completedAt: p.datetime().nullable(),
    completedById: p.uuid().nullable(),
  },
});
export type ChecklistItemRow = InferEntity<typeof ChecklistItem>;
