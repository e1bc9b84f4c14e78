export const TIME_ENTRY_STATUSES = ['DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED'] as const;
export type TimeEntryStatus = (typeof TIME_ENTRY_STATUSES)[number];
export type TimeEntryAction = 'EDIT' | 'SUBMIT' | 'APPROVE' | 'REJECT';

/**
 * What each action needs and where it leads. APPROVED is final (the entry is locked: a trigger holds
 * it too); a rejected entry is edited and submitted again.
 */
const RULES: Record<TimeEntryAction, { from: readonly TimeEntryStatus[]; to: TimeEntryStatus | null }> = {
  EDIT: { from: ['DRAFT', 'REJECTED'], to: null },
  SUBMIT: { from: ['DRAFT', 'REJECTED'], to: 'SUBMITTED' },
  APPROVE: { from: ['SUBMITTED'], to: 'APPROVED' },
  REJECT: { from: ['SUBMITTED'], to: 'REJECTED' },
};

export type TimeEntryVerdict = { ok: true; to: TimeEntryStatus | null } | { ok: false; code: 'ENTRY_LOCKED' | 'INVALID_TRANSITION'; message: string };

export function checkTimeEntryAction(status: TimeEntryStatus, action: TimeEntryAction): TimeEntryVerdict {
  const rule = RULES[action];
  if (rule.from.includes(status)) return { ok: true, to: rule.to };
  if (status === 'APPROVED') return { ok: false, code: 'ENTRY_LOCKED', message: 'an approved time entry is locked' };
  const verb = { EDIT: 'edited', SUBMIT: 'submitted', APPROVE: 'approved', REJECT: 'rejected' }[action];
  return { ok: false, code: 'INVALID_TRANSITION', message: `a ${status} time entry cannot be ${verb} (only ${rule.from.join(' or ')})` };
}
