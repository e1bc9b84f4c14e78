import { Candidate } from './candidate.ts';
import { ChecklistItem, ChecklistTemplateItem } from './checklist.ts';
import { Proposal } from './proposal.ts';
import { Pursuit, StageChange } from './pursuit.ts';
import { Signal } from './signal.ts';
import { SlaBreach, SlaClock, SlaRule } from './sla.ts';

export { Candidate, ChecklistItem, ChecklistTemplateItem, Proposal, Pursuit, Signal, SlaBreach, SlaClock, SlaRule, StageChange };
export type { CandidateRow } from './candidate.ts';
export type { ChecklistItemRow } from './checklist.ts';
export type { ProposalRow } from './proposal.ts';
export type { PursuitRow, StageChangeRow } from './pursuit.ts';
export type { SignalRow } from './signal.ts';
export type { SlaBreachRow, SlaClockRow, SlaRuleRow } from './sla.ts';

export const entities = [Candidate, Signal, Pursuit, StageChange, ChecklistTemplateItem, ChecklistItem, Proposal, SlaRule, SlaClock, SlaBreach];
