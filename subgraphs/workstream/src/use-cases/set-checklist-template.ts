import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { parseInput, requireRole, uuidv7 } from '@flowledger/shared';
import type { UseCaseOptions, UserError } from '@flowledger/shared';
import { ChecklistTemplateItem } from '../entities/index.ts';
import { DEFAULT_CHECKLIST } from '../domain/default-checklist.ts';
import type { ChecklistStage } from '../domain/pursuit-stage.ts';
import type { SetChecklistTemplateInput } from '../generated/resolvers-types.ts';

const templateSchema = z.object({
  stage: z.enum(['PINK', 'RED']),
  items: z
    .array(z.object({ label: z.string().trim().min(1, 'must not be empty').max(200), required: z.boolean().nullish() }))
    .max(30, 'must have at most 30 items')
    .refine((items) => new Set(items.map((i) => i.label.toLowerCase())).size === items.length, 'labels must be unique'),
});

export interface TemplateItem {
  stage: ChecklistStage;
  label: string;
  required: boolean;
}

/** The organisation's template, or the built-in one for stages it has not set. */
export async function checklistTemplate(em: EntityManager): Promise<(TemplateItem & { position: number })[]> {
  const rows = await em.find(ChecklistTemplateItem, {}, { orderBy: { stage: 'asc', position: 'asc' } });
  return (['PINK', 'RED'] as const).flatMap((stage) => {
    const own = rows.filter((r) => r.stage === stage);
    return own.length
      ? own.map((r) => ({ stage, label: r.label, required: r.required, position: r.position }))
      : DEFAULT_CHECKLIST.filter((d) => d.stage === stage).map((d, position) => ({ ...d, position }));
  });
}

/** Replaces one stage of the template (ADMIN only); existing pursuits keep the checklist they were given. */
export async function setChecklistTemplate(
  options: UseCaseOptions<SetChecklistTemplateInput>,
): Promise<{ items: TemplateItem[] | null; userErrors: UserError[] }> {
  const { em, org } = options;
  requireRole(org, 'ADMIN', 'change checklist templates');
  const parsed = parseInput(templateSchema, options.input);
  if (!parsed.ok) return { items: null, userErrors: parsed.userErrors };
  const { stage, items } = parsed.data;
  await em.nativeDelete(ChecklistTemplateItem, { stage });
  items.forEach((item, position) =>
    em.create(ChecklistTemplateItem, { id: uuidv7(), orgId: org.orgId, stage, label: item.label, required: item.required ?? true, position }),
  );
  await em.flush();
  return { items: (await checklistTemplate(em)).map(({ position: _position, ...item }) => item), userErrors: [] };
}
