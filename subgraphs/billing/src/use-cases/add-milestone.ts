import { notFound, parseInput } from '@flowledger/shared';
import type { UseCaseOptions, UserError } from '@flowledger/shared';
import { todayIn } from '../domain/dates.ts';
import { checkNewWork } from '../domain/engagement-rules.ts';
import { addMilestoneSchema } from '../domain/inputs.ts';
import { Engagement, Milestone } from '../entities/index.ts';
import type { MilestoneRow } from '../entities/index.ts';
import { userError } from '../errors.ts';
import type { AddMilestoneInput } from '../generated/resolvers-types.ts';

export interface MilestoneResult {
  milestone: MilestoneRow | null;
  userErrors: UserError[];
}

/** A milestone of a FIXED_FEE or MILESTONE engagement; DUE at once when its day has come. */
export async function addMilestone(options: UseCaseOptions<AddMilestoneInput>): Promise<MilestoneResult> {
  const parsed = parseInput(addMilestoneSchema, options.input);
  if (!parsed.ok) return { milestone: null, userErrors: parsed.userErrors };
  const input = parsed.data;
  const engagement = await options.em.findOne(Engagement, { id: input.engagementId });
  if (!engagement) return { milestone: null, userErrors: notFound(['input', 'engagementId'], 'engagement', input.engagementId) };
  const verdict = checkNewWork(engagement, 'MILESTONE');
  if (!verdict.ok) return { milestone: null, userErrors: [userError(['input', 'engagementId'], verdict.message, verdict.code)] };
  const milestone = options.em.create(Milestone, {
    orgId: options.org.orgId,
    engagementId: engagement.id,
    name: input.name,
    amount: input.amount,
    dueDate: input.dueDate,
    status: input.dueDate <= todayIn(options.now) ? 'DUE' : 'PENDING',
  });
  await options.em.flush();
  return { milestone, userErrors: [] };
}
