import type { ChecklistStage } from './pursuit-stage.ts';

/** The checklist an organisation gets until it sets a template of its own. */
export const DEFAULT_CHECKLIST: { stage: ChecklistStage; label: string; required: boolean }[] = [
  { stage: 'PINK', label: 'Qualification call held', required: true },
  { stage: 'PINK', label: 'Budget confirmed', required: true },
  { stage: 'PINK', label: 'Decision maker identified', required: true },
  { stage: 'RED', label: 'Pricing approved', required: true },
  { stage: 'RED', label: 'Legal review done', required: true },
  { stage: 'RED', label: 'Win themes reviewed', required: false },
];
