import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '@flowledger/shared';
import type { UserError } from '@flowledger/shared';
import { Proposal } from '../entities/index.ts';
import type { ProposalRow } from '../entities/index.ts';
import { canMoveProposal } from '../domain/proposal-status.ts';
import type { ProposalStatus } from '../domain/proposal-status.ts';
import { userError } from '../errors.ts';

export interface ProposalResult {
  proposal: ProposalRow | null;
  userErrors: UserError[];
}

/** The proposal, locked, if it may move to `to` (the status table decides); else the refusal. */
export async function lockProposalFor(em: EntityManager, id: string, to: ProposalStatus): Promise<ProposalResult | ProposalRow> {
  const proposal = await em.findOne(Proposal, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!proposal) return { proposal: null, userErrors: notFound(['input', 'id'], 'proposal', id) };
  if (!canMoveProposal(proposal.status, to)) {
    return { proposal: null, userErrors: [userError(['input', 'id'], `a ${proposal.status} proposal cannot become ${to}`, 'INVALID_TRANSITION')] };
  }
  return proposal;
}
