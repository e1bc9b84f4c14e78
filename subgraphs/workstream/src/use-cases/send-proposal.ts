import { LockMode } from '@mikro-orm/core';
import { parseInput } from '@flowledger/shared';
import type { UseCaseOptions } from '@flowledger/shared';
import { Pursuit } from '../entities/index.ts';
import { idInputSchema } from '../domain/inputs.ts';
import { userError } from '../errors.ts';
import type { SendProposalInput } from '../generated/resolvers-types.ts';
import { emitEvent } from './emit-event.ts';
import { lockProposalFor } from './move-proposal.ts';
import type { ProposalResult } from './move-proposal.ts';
import { startClock } from './sla-clocks.ts';

/** DRAFT -> SENT: records the time and starts the RESPONSE clock. */
export async function sendProposal(options: UseCaseOptions<SendProposalInput>): Promise<ProposalResult> {
  const { em, org, now } = options;
  const parsed = parseInput(idInputSchema, options.input);
  if (!parsed.ok) return { proposal: null, userErrors: parsed.userErrors };
  const moved = await lockProposalFor(em, parsed.data.id, 'SENT');
  if ('userErrors' in moved) return moved;
  // A closed pursuit's proposal is not sent: its RESPONSE clock would run and breach for nothing.
  const pursuit = await em.findOne(Pursuit, { id: moved.pursuitId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!pursuit || pursuit.stage === 'WON' || pursuit.stage === 'LOST') {
    return {
      proposal: null,
      userErrors: [
        userError(['input', 'id'], `the proposal's pursuit is ${pursuit?.stage ?? 'gone'}: a closed pursuit's proposals cannot be sent`, 'PURSUIT_CLOSED'),
      ],
    };
  }
  moved.status = 'SENT';
  moved.sentAt = now;
  await startClock(em, { orgId: org.orgId, kind: 'RESPONSE', subjectId: moved.id, startedAt: now, now });
  await emitEvent(
    em,
    moved,
    'Proposal',
    'ProposalSent',
    { proposalId: moved.id, pursuitId: moved.pursuitId, version: moved.version, by: org.actor.id, sentAt: now.toISOString() },
    now,
  );
  await em.flush();
  return { proposal: moved, userErrors: [] };
}
