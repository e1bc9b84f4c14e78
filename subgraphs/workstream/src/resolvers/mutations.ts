import { mutationFrom } from '@flowledger/shared';
import type { MutationResolvers } from '../generated/resolvers-types.ts';
import { completeChecklistItem } from '../use-cases/complete-checklist-item.ts';
import { createSignal } from '../use-cases/create-signal.ts';
import { promoteCandidate } from '../use-cases/promote-candidate.ts';
import { createProposal } from '../use-cases/create-proposal.ts';
import { recordProposalResponse } from '../use-cases/record-proposal-response.ts';
import { sendProposal } from '../use-cases/send-proposal.ts';
import { setChecklistTemplate } from '../use-cases/set-checklist-template.ts';
import { setSlaRule } from '../use-cases/set-sla-rule.ts';
import { transitionPursuit } from '../use-cases/transition-pursuit.ts';
import { triageCandidate } from '../use-cases/triage-candidate.ts';
import type { Context } from '../context.ts';

/** Thin: every mutation is its use case, wired one way (mutationFrom). */
export const mutations: MutationResolvers<Context> = {
  createSignal: mutationFrom(createSignal),
  triageCandidate: mutationFrom(triageCandidate),
  promoteCandidate: mutationFrom(promoteCandidate),
  transitionPursuit: mutationFrom(transitionPursuit),
  completeChecklistItem: mutationFrom(completeChecklistItem),
  createProposal: mutationFrom(createProposal),
  sendProposal: mutationFrom(sendProposal),
  recordProposalResponse: mutationFrom(recordProposalResponse),
  setSlaRule: mutationFrom(setSlaRule),
  setChecklistTemplate: mutationFrom(setChecklistTemplate),
};
