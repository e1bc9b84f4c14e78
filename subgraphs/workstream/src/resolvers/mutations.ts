import type { MutationResolvers } from '../generated/resolvers-types.ts';
import { completeChecklistItem } from '../use-cases/complete-checklist-item.ts';
import { createSignal } from '../use-cases/create-signal.ts';
import { promoteCandidate } from '../use-cases/promote-candidate.ts';
import { createProposal, recordProposalResponse, sendProposal } from '../use-cases/proposals.ts';
import { setChecklistTemplate } from '../use-cases/set-checklist-template.ts';
import { setSlaRule } from '../use-cases/set-sla-rule.ts';
import { transitionPursuit } from '../use-cases/transition-pursuit.ts';
import { triageCandidate } from '../use-cases/triage-candidate.ts';
import type { Context } from '../context.ts';

/** Thin: each mutation hands its input to its use case with the request's EntityManager and time. */
const call =
  <T>(useCase: (options: { em: Context['em']; org: Context['org']; input: unknown; now: Date; references: Context['references'] }) => Promise<T>) =>
  (_: unknown, { input }: { input: unknown }, ctx: Context) =>
    useCase({ em: ctx.em, org: ctx.org, input, now: ctx.clock.now(), references: ctx.references });

export const mutations: MutationResolvers<Context> = {
  createSignal: call(createSignal),
  triageCandidate: call(triageCandidate),
  promoteCandidate: call(promoteCandidate),
  transitionPursuit: call(transitionPursuit),
  completeChecklistItem: call(completeChecklistItem),
  createProposal: call(createProposal),
  sendProposal: call(sendProposal),
  recordProposalResponse: call(recordProposalResponse),
  setSlaRule: (_, { input }, ctx) => setSlaRule({ em: ctx.em, org: ctx.org, input }),
  setChecklistTemplate: (_, { input }, ctx) => setChecklistTemplate({ em: ctx.em, org: ctx.org, input }),
};
