export const PURSUIT_STAGES = ['QUALIFY', 'PINK', 'RED', 'SUBMITTED', 'WON', 'LOST'] as const;
export type PursuitStage = (typeof PURSUIT_STAGES)[number];
export type ChecklistStage = 'PINK' | 'RED';

/** Where each stage may go. WON and LOST are final. */
export const PURSUIT_TRANSITIONS: Record<PursuitStage, readonly PursuitStage[]> = {
  QUALIFY: ['PINK', 'LOST'],
  PINK: ['RED', 'LOST'],
  RED: ['SUBMITTED', 'LOST'],
  SUBMITTED: ['WON', 'LOST'],
  WON: [],
  LOST: [],
};

/** The probability a pursuit gets on entering a stage, unless the caller overrides it. */
export const DEFAULT_PROBABILITY: Record<PursuitStage, number> = { QUALIFY: 10, PINK: 25, RED: 50, SUBMITTED: 70, WON: 100, LOST: 0 };

/** Which checklist must be complete before entering a stage (the seed's gating rules). */
const GATES: Partial<Record<PursuitStage, ChecklistStage>> = { SUBMITTED: 'PINK', WON: 'RED', LOST: 'RED' };

export interface ChecklistState {
  stage: ChecklistStage;
  label: string;
  required: boolean;
  completed: boolean;
}

export type TransitionVerdict =
  | { ok: true }
  | { ok: false; code: 'INVALID_TRANSITION'; message: string }
  | { ok: false; code: 'CHECKLIST_INCOMPLETE'; message: string; missing: string[] }
  | { ok: false; code: 'LOST_REASON_REQUIRED'; message: string };

/**
 * Whether a pursuit may move from one stage to another: the table above, then the checklist gate
 * of the target stage (LOST from an early stage needs no RED checklist: there is nothing to review),
 * then a reason for LOST.
 */
export function checkTransition(options: { from: PursuitStage; to: PursuitStage; checklist: ChecklistState[]; lostReason?: string | null }): TransitionVerdict {
  const { from, to } = options;
  if (!PURSUIT_TRANSITIONS[from].includes(to)) {
    return { ok: false, code: 'INVALID_TRANSITION', message: `a pursuit cannot move from ${from} to ${to}` };
  }
  const gate = GATES[to];
  const gated = gate && !(to === 'LOST' && (from === 'QUALIFY' || from === 'PINK'));
  if (gated) {
    const missing = options.checklist.filter((item) => item.stage === gate && item.required && !item.completed).map((item) => item.label);
    if (missing.length) {
      return { ok: false, code: 'CHECKLIST_INCOMPLETE', message: `${to} needs the ${gate} checklist complete; missing: ${missing.join(', ')}`, missing };
    }
  }
  if (to === 'LOST' && !options.lostReason?.trim()) {
    return { ok: false, code: 'LOST_REASON_REQUIRED', message: 'LOST needs a lostReason' };
  }
  return { ok: true };
}

/** Percent of the required items of a checklist stage that are complete (100 when none are required). */
export function checklistCompletion(items: ChecklistState[], stage: ChecklistStage): number {
  const required = items.filter((item) => item.stage === stage && item.required);
  if (required.length === 0) return 100;
  return Math.floor((required.filter((item) => item.completed).length * 100) / required.length);
}
