export const BILLING_MODELS = ['TIME_AND_MATERIALS', 'FIXED_FEE', 'MILESTONE'] as const;
export type BillingModel = (typeof BILLING_MODELS)[number];
export const ENGAGEMENT_STATUSES = ['ACTIVE', 'COMPLETED', 'CANCELLED'] as const;
export type EngagementStatus = (typeof ENGAGEMENT_STATUSES)[number];

/** Where an engagement's status may go: COMPLETED and CANCELLED are final. */
const TRANSITIONS: Record<EngagementStatus, readonly EngagementStatus[]> = { ACTIVE: ['COMPLETED', 'CANCELLED'], COMPLETED: [], CANCELLED: [] };

export type EngagementVerdict = { ok: true } | { ok: false; code: 'INVALID_TRANSITION' | 'ENGAGEMENT_CLOSED' | 'MILESTONES_NOT_BILLED'; message: string };

export function checkEngagementStatus(from: EngagementStatus, to: EngagementStatus): EngagementVerdict {
  if (from === to || TRANSITIONS[from].includes(to)) return { ok: true };
  return { ok: false, code: 'INVALID_TRANSITION', message: `an engagement cannot move from ${from} to ${to}` };
}

/** New time and milestones only on an active engagement; milestones only where they are billed. */
export function checkNewWork(engagement: { status: EngagementStatus; billingModel: BillingModel }, work: 'TIME' | 'MILESTONE'): EngagementVerdict {
  if (engagement.status !== 'ACTIVE') return { ok: false, code: 'ENGAGEMENT_CLOSED', message: `the engagement is ${engagement.status}` };
  if (work === 'MILESTONE' && engagement.billingModel === 'TIME_AND_MATERIALS')
    return { ok: false, code: 'MILESTONES_NOT_BILLED', message: 'a TIME_AND_MATERIALS engagement bills time, not milestones' };
  return { ok: true };
}

/** A pursuit's value opens its engagement: time and materials, the value as the budget. */
export function engagementFromWonPursuit(pursuit: { name: string | null; value: { amount: string; currency: string } | null }, baseCurrency: string) {
  return {
    name: pursuit.name ?? 'Won pursuit',
    currency: pursuit.value?.currency ?? baseCurrency,
    budgetAmount: pursuit.value?.amount ?? null,
    billingModel: 'TIME_AND_MATERIALS' as const,
  };
}
