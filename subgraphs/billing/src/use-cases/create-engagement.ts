import { checkForeignReferences, lockKeys, parseInput } from '@flowledger/shared';
import type { ForeignReference, UseCaseOptions, UserError } from '@flowledger/shared';
import { createEngagementSchema } from '../domain/inputs.ts';
import { Engagement } from '../entities/index.ts';
import type { EngagementRow } from '../entities/index.ts';
import { userError } from '../errors.ts';
import type { CreateEngagementInput } from '../generated/resolvers-types.ts';
import { engagementOpened, pursuitKey } from './emit-event.ts';

export interface EngagementResult {
  engagement: EngagementRow | null;
  userErrors: UserError[];
}

const refused = (userErrors: UserError[]): EngagementResult => ({ engagement: null, userErrors });

/** An engagement by hand. Its client (crm) and pursuit (workstream) are confirmed with their owners. */
export async function createEngagement(options: UseCaseOptions<CreateEngagementInput>): Promise<EngagementResult> {
  const parsed = parseInput(createEngagementSchema, options.input);
  if (!parsed.ok) return refused(parsed.userErrors);
  const input = parsed.data;
  const wanted: ForeignReference[] = [{ field: ['input', 'clientId'], subgraph: 'crm', typename: 'Client', id: input.clientId }];
  if (input.pursuitId) wanted.push({ field: ['input', 'pursuitId'], subgraph: 'workstream', typename: 'Pursuit', id: input.pursuitId });
  const missing = await checkForeignReferences(options.references, wanted);
  if (missing.length) return refused(missing);
  if (input.pursuitId) {
    await lockKeys(options.em, [pursuitKey(options.org.orgId, input.pursuitId)]);
    const existing = await options.em.findOne(Engagement, { pursuitId: input.pursuitId });
    if (existing) return refused([userError(['input', 'pursuitId'], `the pursuit already has the engagement ${existing.name}`, 'DUPLICATE_ENGAGEMENT')]);
  }
  const engagement = options.em.create(Engagement, {
    orgId: options.org.orgId,
    clientId: input.clientId,
    pursuitId: input.pursuitId ?? null,
    name: input.name,
    currency: input.currency,
    billingModel: input.billingModel,
    budgetAmount: input.budget ?? null,
    origin: 'MANUAL',
  });
  await engagementOpened(options.em, engagement, options.now);
  await options.em.flush();
  return { engagement, userErrors: [] };
}
