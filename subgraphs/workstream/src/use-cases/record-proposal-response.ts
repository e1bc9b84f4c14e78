import { parseInput } from '@flowledger/shared';
import type { UseCaseOptions } from '@flowledger/shared';
import { recordProposalResponseSchema } from '../domain/inputs.ts';
import type { RecordProposalResponseInput } from '../generated/resolvers-types.ts';
import { lockProposalFor } from './move-proposal.ts';
import type { ProposalResult } from './move-proposal.ts';
import { meetClock } from './sla-clocks.ts';

/** SENT -> ACCEPTED | REJECTED: the client answered, which meets the RESPONSE clock. */
export async function recordProposalResponse(options: UseCaseOptions<RecordProposalResponseInput>): Promise<ProposalResult> {
  const { em, now } = options;
  const parsed = parseInput(recordProposalResponseSchema, options.input);
  if (!parsed.ok) return { proposal: null, userErrors: parsed.userErrors };
  const moved = await lockProposalFor(em, parsed.data.id, parsed.data.status);
  if ('userErrors' in moved) return moved;
  moved.status = parsed.data.status;
  moved.respondedAt = now;
  await meetClock(em, { kind: 'RESPONSE', subjectId: moved.id, at: now });
  await em.flush();
  return { proposal: moved, userErrors: [] };
}
