export const CANDIDATE_STATUSES = ['NEW', 'TRIAGED', 'NURTURE', 'PROMOTED', 'DISMISSED'] as const;
export type CandidateStatus = (typeof CANDIDATE_STATUSES)[number];
export const PRIORITIES = ['URGENT', 'HIGH', 'MEDIUM', 'LOW'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** NEW -> TRIAGED -> NURTURE | PROMOTED | DISMISSED; NURTURE -> TRIAGED | PROMOTED | DISMISSED. */
export const CANDIDATE_TRANSITIONS: Record<CandidateStatus, readonly CandidateStatus[]> = {
  NEW: ['TRIAGED'],
  TRIAGED: ['NURTURE', 'PROMOTED', 'DISMISSED'],
  NURTURE: ['TRIAGED', 'PROMOTED', 'DISMISSED'],
  PROMOTED: [],
  DISMISSED: [],
};

/** Statuses in which a candidate is still open work (a new signal attaches to it). */
export const OPEN_CANDIDATE_STATUSES: readonly CandidateStatus[] = ['NEW', 'TRIAGED', 'NURTURE'];

export function canMoveCandidate(from: CandidateStatus, to: CandidateStatus): boolean {
  return CANDIDATE_TRANSITIONS[from].includes(to);
}
