export const PROPOSAL_STATUSES = ['DRAFT', 'SENT', 'ACCEPTED', 'REJECTED', 'SUPERSEDED'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** DRAFT -> SENT -> ACCEPTED | REJECTED | SUPERSEDED; a newer version supersedes a DRAFT or SENT one. */
export const PROPOSAL_TRANSITIONS: Record<ProposalStatus, readonly ProposalStatus[]> = {
  DRAFT: ['SENT', 'SUPERSEDED'],
  SENT: ['ACCEPTED', 'REJECTED', 'SUPERSEDED'],
  ACCEPTED: [],
  REJECTED: [],
  SUPERSEDED: [],
};

export function canMoveProposal(from: ProposalStatus, to: ProposalStatus): boolean {
  return PROPOSAL_TRANSITIONS[from].includes(to);
}
