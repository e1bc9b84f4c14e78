import { notFound, parseInput } from '@flowledger/shared';
import type { UseCaseOptions, UserError } from '@flowledger/shared';
import { ChecklistItem, Pursuit } from '../entities/index.ts';
import type { ChecklistItemRow, PursuitRow } from '../entities/index.ts';
import { idInputSchema } from '../domain/inputs.ts';
import { userError } from '../errors.ts';
import type { CompleteChecklistItemInput } from '../generated/resolvers-types.ts';

export interface ChecklistItemResult {
  item: ChecklistItemRow | null;
  pursuit: PursuitRow | null;
  userErrors: UserError[];
}

/** Ticks an item; ticking it again changes nothing. A closed pursuit's checklist is frozen. */
export async function completeChecklistItem(options: UseCaseOptions<CompleteChecklistItemInput>): Promise<ChecklistItemResult> {
  const { em, org, now } = options;
  const parsed = parseInput(idInputSchema, options.input);
  if (!parsed.ok) return { item: null, pursuit: null, userErrors: parsed.userErrors };
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
