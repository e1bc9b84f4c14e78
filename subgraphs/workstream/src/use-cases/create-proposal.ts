import { LockMode } from '@mikro-orm/core';
import { notFound, parseInput, uuidv7 } from '@flowledger/shared';
import type { UseCaseOptions } from '@flowledger/shared';
import { Proposal, Pursuit } from '../entities/index.ts';
import { createProposalSchema } from '../domain/inputs.ts';
import { userError } from '../errors.ts';
import type { CreateProposalInput } from '../generated/resolvers-types.ts';
import type { ProposalResult } from './move-proposal.ts';
import { meetClock } from './sla-clocks.ts';

/** A new version (v1, v2, …) of a pursuit's proposal, in DRAFT; the open earlier versions are SUPERSEDED. */
export async function createProposal(options: UseCaseOptions<CreateProposalInput>): Promise<ProposalResult> {
  const { em, org, now } = options;
  const parsed = parseInput(createProposalSchema, options.input);
  if (!parsed.ok) return { proposal: null, userErrors: parsed.userErrors };
  // The pursuit row lock serialises version numbering for that pursuit.
  const pursuit = await em.findOne(Pursuit, { id: parsed.data.pursuitId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!pursuit) return { proposal: null, userErrors: notFound(['input', 'pursuitId'], 'pursuit', parsed.data.pursuitId) };
  if (pursuit.stage === 'WON' || pursuit.stage === 'LOST') {
    return { proposal: null, userErrors: [userError(['input', 'pursuitId'], `the pursuit is ${pursuit.stage}`, 'PURSUIT_CLOSED')] };
  }
  const earlier = await em.find(Proposal, { pursuitId: pursuit.id }, { orderBy: { version: 'desc' } });
  for (const previous of earlier) {
    if (previous.status === 'DRAFT' || previous.status === 'SENT') {
      if (previous.status === 'SENT') await meetClock(em, { kind: 'RESPONSE', subjectId: previous.id, at: now });
      previous.status = 'SUPERSEDED';
    }
  }
  const proposal = em.create(Proposal, {
    id: uuidv7(),
    orgId: org.orgId,
    pursuitId: pursuit.id,
    version: (earlier[0]?.version ?? 0) + 1,
    status: 'DRAFT',
    title: parsed.data.title,
    eventSeq: 0,
  });
  await em.flush();
  return { proposal, userErrors: [] };
}
