import { notFound, parseInput } from '@flowledger/shared';
import type { UseCaseOptions } from '@flowledger/shared';
import { checkEngagementStatus } from '../domain/engagement-rules.ts';
import { updateEngagementSchema } from '../domain/inputs.ts';
import { Engagement } from '../entities/index.ts';
import { userError } from '../errors.ts';
import type { UpdateEngagementInput } from '../generated/resolvers-types.ts';
import type { EngagementResult } from './create-engagement.ts';

/** Name, budget and status (ACTIVE → COMPLETED | CANCELLED); client, pursuit, currency and model stay. */
export async function updateEngagement(options: UseCaseOptions<UpdateEngagementInput>): Promise<EngagementResult> {
  const parsed = parseInput(updateEngagementSchema, options.input);
  if (!parsed.ok) return { engagement: null, userErrors: parsed.userErrors };
  const input = parsed.data;
  const engagement = await options.em.findOne(Engagement, { id: input.id });
  if (!engagement) return { engagement: null, userErrors: notFound(['input', 'id'], 'engagement', input.id) };
  if (input.status) {
    const verdict = checkEngagementStatus(engagement.status, input.status);
    if (!verdict.ok) return { engagement: null, userErrors: [userError(['input', 'status'], verdict.message, verdict.code)] };
    engagement.status = input.status;
  }
  if (input.name) engagement.name = input.name;
  if (input.budget) engagement.budgetAmount = input.budget;
  await options.em.flush();
  return { engagement, userErrors: [] };
}
