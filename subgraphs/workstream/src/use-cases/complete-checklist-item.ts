import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound, userError, userErrorsFromZod } from '@flowledger/shared';
import type { OrgContext, UserError } from '@flowledger/shared';
import { ChecklistItem, Pursuit } from '../entities/index.ts';
import type { ChecklistItemRow, PursuitRow } from '../entities/index.ts';
import { idInputSchema } from '../domain/inputs.ts';

export interface ChecklistItemResult {
  item: ChecklistItemRow | null;
  pursuit: PursuitRow | null;
  userErrors: UserError[];
}

/** Ticks an item; ticking it again changes nothing. A closed pursuit's checklist is frozen. */
export async function completeChecklistItem(options: { em: EntityManager; org: OrgContext; input: unknown; now: Date }): Promise<ChecklistItemResult> {
  const { em, org, now } = options;
  const parsed = idInputSchema.safeParse(options.input);
  if (!parsed.success) return { item: null, pursuit: null, userErrors: userErrorsFromZod(parsed.error) };
  const item = await em.findOne(ChecklistItem, { id: parsed.data.id });
  if (!item) return { item: null, pursuit: null, userErrors: notFound(['input', 'id'], 'checklist item', parsed.data.id) };
  const pursuit = await em.findOneOrFail(Pursuit, { id: item.pursuitId });
  if (pursuit.stage === 'WON' || pursuit.stage === 'LOST') {
    return {
      item: null,
      pursuit: null,
      userErrors: [userError(['input', 'id'], `the pursuit is ${pursuit.stage}; its checklist is closed`, 'PURSUIT_CLOSED')],
    };
  }
  if (!item.completedAt) {
    item.completedAt = now;
    item.completedById = org.actor.id;
    await em.flush();
  }
  return { item, pursuit, userErrors: [] };
}
