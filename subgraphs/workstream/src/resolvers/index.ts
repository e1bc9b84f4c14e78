import { DateScalar, DateTimeScalar, DecimalScalar, parsePageArgs, isUuid } from '@flowledger/shared';
import { SlaBreach, SlaRule } from '../entities/index.ts';
import type { SlaClockRow } from '../entities/index.ts';
import { DEFAULT_SLA_RULES, SLA_KINDS } from '../domain/sla.ts';
import type { SlaKind } from '../domain/sla.ts';
import { checklistCompletion } from '../domain/pursuit-stage.ts';
import type { Resolvers } from '../generated/resolvers-types.ts';
import type { Context } from '../context.ts';
import { candidates, pursuits } from './lists.ts';
import { mutations } from './mutations.ts';
import { pipelineBoard } from './pipeline-board.ts';
import { today } from './today.ts';
import { encodeEventCursor, eventList, eventLookup } from './events.ts';
import type { EventRow } from './events.ts';
import { checklistTemplate } from '../use-cases/set-checklist-template.ts';

/** A malformed id names nothing: null, like an id of another organisation. */
const ref = (id: string | null | undefined) => (id ? { id } : null);
const clockOf = async (ctx: Context, subjectId: string, kind: SlaKind): Promise<SlaClockRow | null> =>
  (await ctx.loaders.clocks.load(subjectId)).find((c) => c.kind === kind) ?? null;

/** The fields every event type reads the same way from its outbox row. */
const eventFields = {
  id: (e: EventRow) => e.id,
  cursor: (e: EventRow) => encodeEventCursor(e.position),
  seq: (e: EventRow) => e.seq,
  from: (e: EventRow) => e.payload.from ?? null,
  to: (e: EventRow) => e.payload.to,
  at: (e: EventRow) => e.occurred_at,
};

export const resolvers: Resolvers<Context> = {
  DateTime: DateTimeScalar,
  Date: DateScalar,
  Decimal: DecimalScalar,
  Query: {
    pursuitStageEvent: eventLookup('PursuitStageChanged'),
    candidateStatusEvent: eventLookup('CandidateStatusChanged'),
    slaStatusEvent: eventLookup('SlaStatusChanged'),
    pursuitStageEvents: eventList('PursuitStageChanged'),
    candidateStatusEvents: eventList('CandidateStatusChanged'),
    slaStatusEvents: eventList('SlaStatusChanged'),
    signal: (_, { id }, ctx) => (isUuid(id) ? ctx.loaders.signal.load(id) : null),
    candidate: (_, { id }, ctx) => (isUuid(id) ? ctx.loaders.candidate.load(id) : null),
    candidates,
    pursuit: (_, { id }, ctx) => (isUuid(id) ? ctx.loaders.pursuit.load(id) : null),
    pursuits,
    proposal: (_, { id }, ctx) => (isUuid(id) ? ctx.loaders.proposal.load(id) : null),
    today,
    pipelineBoard,
    slaRules: async (_, __, ctx) => {
      const rules = await ctx.em.find(SlaRule, {});
      return SLA_KINDS.map((kind) => {
        const rule = rules.find((r) => r.kind === kind);
        return {
          kind,
          hours: rule ? Number(rule.hours) : DEFAULT_SLA_RULES[kind].hours,
          warnFraction: rule ? Number(rule.warnFraction) : DEFAULT_SLA_RULES[kind].warnFraction,
        };
      });
    },
    checklistTemplate: async (_, __, ctx) => (await checklistTemplate(ctx.em)).map(({ position: _position, ...item }) => item),
    // A first outside 1…cap is refused like every list's, never silently clamped.
    slaBreaches: async (_, { first }, ctx) => {
      const limit = parsePageArgs({ first }, ctx.maxPageSize).first;
      return limit === 0 ? [] : ctx.em.find(SlaBreach, {}, { orderBy: { breachedAt: 'desc', id: 'desc' }, limit });
    },
  },
  Mutation: mutations,
  Client: {
    __resolveReference: (reference) => ({ id: reference.id! }),
    pursuits: (client, _, ctx) => (isUuid(client.id) ? ctx.loaders.pursuitsByClient.load(client.id) : []),
  },
  Signal: {
    __resolveReference: (reference, ctx) => (isUuid(reference.id!) ? ctx.loaders.signal.load(reference.id!) : null),
    client: (signal) => ref(signal.clientId),
    contact: (signal) => ref(signal.contactId),
    candidate: async (signal, _, ctx) => (await ctx.loaders.candidate.load(signal.candidateId))!,
  },
  Candidate: {
    __resolveReference: (reference, ctx) => (isUuid(reference.id!) ? ctx.loaders.candidate.load(reference.id!) : null),
    client: (candidate) => ref(candidate.clientId),
    contact: (candidate) => ref(candidate.contactId),
    assignee: (candidate) => ref(candidate.assigneeId),
    signals: (candidate, _, ctx) => ctx.loaders.signalsByCandidate.load(candidate.id),
    pursuit: async (candidate, _, ctx) => (await ctx.loaders.pursuitsByCandidate.load(candidate.id))[0] ?? null,
    sla: (candidate, _, ctx) => clockOf(ctx, candidate.id, 'TRIAGE'),
  },
  Pursuit: {
    __resolveReference: (reference, ctx) => (isUuid(reference.id!) ? ctx.loaders.pursuit.load(reference.id!) : null),
    client: (pursuit) => ref(pursuit.clientId),
    candidate: (pursuit, _, ctx) => ctx.loaders.candidate.load(pursuit.candidateId),
    value: (pursuit) => (pursuit.valueAmount && pursuit.valueCurrency ? { amount: pursuit.valueAmount, currency: pursuit.valueCurrency } : null),
    owner: (pursuit) => ref(pursuit.ownerId),
    stageHistory: (pursuit, _, ctx) => ctx.loaders.stageHistory.load(pursuit.id),
    checklist: (pursuit, _, ctx) => ctx.loaders.checklist.load(pursuit.id),
    checklistCompletion: async (pursuit, { stage }, ctx) =>
      checklistCompletion(
        (await ctx.loaders.checklist.load(pursuit.id)).map((i) => ({
          stage: i.stage,
          label: i.label,
          required: i.required,
          completed: i.completedAt !== null,
        })),
        stage,
      ),
    proposals: (pursuit, _, ctx) => ctx.loaders.proposals.load(pursuit.id),
    sla: (pursuit, _, ctx) => clockOf(ctx, pursuit.id, 'PROPOSAL'),
  },
  StageChange: {
    from: (change) => change.fromStage ?? null,
    to: (change) => change.toStage,
    by: (change) => ref(change.byUserId),
  },
  ChecklistItem: {
    completedBy: (item) => ref(item.completedById),
  },
  Proposal: {
    __resolveReference: (reference, ctx) => (isUuid(reference.id!) ? ctx.loaders.proposal.load(reference.id!) : null),
    pursuit: async (proposal, _, ctx) => (await ctx.loaders.pursuit.load(proposal.pursuitId))!,
    sla: (proposal, _, ctx) => clockOf(ctx, proposal.id, 'RESPONSE'),
  },
  TodayItem: {},
  PursuitStageEvent: {
    ...eventFields,
    pursuit: async (e, _, ctx) => (await ctx.loaders.pursuit.load(e.aggregate_id))!,
    by: (e) => ref(e.payload.by),
  },
  CandidateStatusEvent: {
    ...eventFields,
    candidate: async (e, _, ctx) => (await ctx.loaders.candidate.load(e.aggregate_id))!,
    by: (e) => ref(e.payload.by),
  },
  SlaStatusEvent: {
    ...eventFields,
    clock: async (e, _, ctx) => (await ctx.loaders.clocks.load(e.payload.subjectId)).find((c) => c.id === e.aggregate_id)!,
    kind: (e) => e.payload.kind,
    dueAt: (e) => e.payload.dueAt,
    candidate: (e, _, ctx) => (e.payload.kind === 'TRIAGE' ? ctx.loaders.candidate.load(e.payload.subjectId) : null),
    pursuit: (e, _, ctx) => (e.payload.kind === 'PROPOSAL' ? ctx.loaders.pursuit.load(e.payload.subjectId) : null),
    proposal: (e, _, ctx) => (e.payload.kind === 'RESPONSE' ? ctx.loaders.proposal.load(e.payload.subjectId) : null),
  },
};
