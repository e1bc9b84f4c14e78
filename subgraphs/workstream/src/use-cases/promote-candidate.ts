import { checkForeignReferences, notFound, parseInput, uuidv7 } from '@flowledger/shared';
import type { UseCaseOptions, UserError } from '@flowledger/shared';
import { Candidate, ChecklistItem, Pursuit, StageChange } from '../entities/index.ts';
import type { PursuitRow } from '../entities/index.ts';
import { promoteCandidateSchema } from '../domain/inputs.ts';
import { DEFAULT_PROBABILITY } from '../domain/pursuit-stage.ts';
import { emitCandidateStatusChanged, emitEvent } from './emit-event.ts';
import { checklistTemplate } from './set-checklist-template.ts';
import { meetClock, startClock } from './sla-clocks.ts';
import { userError } from '../errors.ts';
import type { PromoteCandidateInput } from '../generated/resolvers-types.ts';

export interface PursuitResult {
  pursuit: PursuitRow | null;
  userErrors: UserError[];
}

/**
 * Turns a triaged (or nurtured) candidate into exactly one pursuit in QUALIFY, with the organisation's
 * checklists and a PROPOSAL clock. The candidate's status moves under a conditional update, so of two
 * concurrent promotions one wins and the other is told ALREADY_PROMOTED.
 */
export async function promoteCandidate(options: UseCaseOptions<PromoteCandidateInput>): Promise<PursuitResult> {
  const { em, org, now } = options;
  const parsed = parseInput(promoteCandidateSchema, options.input);
  if (!parsed.ok) return { pursuit: null, userErrors: parsed.userErrors };
  const input = parsed.data;
  // The owner is a person of access: a member of this organisation, or nobody.
  const missing = input.ownerId
    ? await checkForeignReferences(options.references, [{ field: ['input', 'ownerId'], subgraph: 'access', typename: 'User', id: input.ownerId }])
    : [];
  if (missing.length) return { pursuit: null, userErrors: missing };
  const candidate = await em.findOne(Candidate, { id: input.id });
  if (!candidate) return { pursuit: null, userErrors: notFound(['input', 'id'], 'candidate', input.id) };
  const claimed = await em.nativeUpdate(Candidate, { id: candidate.id, status: { $in: ['TRIAGED', 'NURTURE'] } }, { status: 'PROMOTED', updatedAt: now });
  if (claimed === 0) {
    await em.refresh(candidate);
    const code = candidate.status === 'PROMOTED' ? 'ALREADY_PROMOTED' : 'INVALID_TRANSITION';
    return {
      pursuit: null,
      userErrors: [
        userError(
          ['input', 'id'],
          code === 'ALREADY_PROMOTED' ? 'the candidate was already promoted' : `a ${candidate.status} candidate cannot be promoted (triage it first)`,
          code,
        ),
      ],
    };
  }
  const from = candidate.status;
  await em.refresh(candidate);
  if (!candidate.firstTouchAt) {
    candidate.firstTouchAt = now;
    await meetClock(em, { kind: 'TRIAGE', subjectId: candidate.id, at: now });
  }
  await emitCandidateStatusChanged(em, candidate, { from: from, to: 'PROMOTED', by: org.actor.id, at: now });

  const pursuit = em.create(Pursuit, {
    id: uuidv7(),
    orgId: org.orgId,
    candidateId: candidate.id,
    name: input.name,
    stage: 'QUALIFY',
    clientId: candidate.clientId,
    valueAmount: input.value?.amount ?? null,
    valueCurrency: input.value?.currency ?? null,
    probability: DEFAULT_PROBABILITY.QUALIFY,
    expectedCloseDate: input.expectedCloseDate ?? null,
    ownerId: input.ownerId ?? org.actor.id,
    version: 1,
    eventSeq: 0,
  });
  em.create(StageChange, {
    id: uuidv7(),
    orgId: org.orgId,
    pursuitId: pursuit.id,
    fromStage: null,
    toStage: 'QUALIFY',
    at: now,
    byUserId: org.actor.id,
    note: null,
  });
  for (const item of await checklistTemplate(em)) {
    em.create(ChecklistItem, {
      id: uuidv7(),
      orgId: org.orgId,
      pursuitId: pursuit.id,
      stage: item.stage,
      label: item.label,
      required: item.required,
      position: item.position,
    });
  }
  await startClock(em, { orgId: org.orgId, kind: 'PROPOSAL', subjectId: pursuit.id, startedAt: now, now });
  await emitEvent(
    em,
    pursuit,
    'Pursuit',
    'PursuitStageChanged',
    { pursuitId: pursuit.id, from: null, to: 'QUALIFY', by: org.actor.id, clientId: pursuit.clientId, ownerId: pursuit.ownerId, at: now.toISOString() },
    now,
  );
  await em.flush();
  return { pursuit, userErrors: [] };
}
