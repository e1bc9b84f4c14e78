import { notFound, parseInput, recordEvent, uuidv7 } from '@flowledger/shared';
import type { UseCaseOptions } from '@flowledger/shared';
import { ChecklistItem, Proposal, Pursuit, StageChange } from '../entities/index.ts';
import { transitionPursuitSchema } from '../domain/inputs.ts';
import { DEFAULT_PROBABILITY, checkTransition } from '../domain/pursuit-stage.ts';
import { WORKSTREAM_SCHEMA } from './emit-event.ts';
import type { PursuitResult } from './promote-candidate.ts';
import { meetClock } from './sla-clocks.ts';
import { userError } from '../errors.ts';
import type { TransitionPursuitInput } from '../generated/resolvers-types.ts';

/**
 * Moves a pursuit to another stage if the table and its checklist gate allow it, and only if nobody
 * changed it since the caller read `expectedVersion` (a conditional update: of concurrent callers with
 * the same version exactly one succeeds, the rest get STALE). History, events and clocks follow.
 */
export async function transitionPursuit(options: UseCaseOptions<TransitionPursuitInput>): Promise<PursuitResult> {
  const { em, org, now } = options;
  const parsed = parseInput(transitionPursuitSchema, options.input);
  if (!parsed.ok) return { pursuit: null, userErrors: parsed.userErrors };
  const input = parsed.data;
  const pursuit = await em.findOne(Pursuit, { id: input.id });
  if (!pursuit) return { pursuit: null, userErrors: notFound(['input', 'id'], 'pursuit', input.id) };
  const stale = () => ({
    pursuit: null,
    userErrors: [userError(['input', 'expectedVersion'], `the pursuit changed since version ${input.expectedVersion}; read it again`, 'STALE')],
  });
  if (pursuit.version !== input.expectedVersion) return stale();

  const checklist = await em.find(ChecklistItem, { pursuitId: pursuit.id });
  const verdict = checkTransition({
    from: pursuit.stage,
    to: input.to,
    lostReason: input.lostReason,
    checklist: checklist.map((item) => ({ stage: item.stage, label: item.label, required: item.required, completed: item.completedAt !== null })),
  });
  if (!verdict.ok) {
    const field = verdict.code === 'LOST_REASON_REQUIRED' ? ['input', 'lostReason'] : ['input', 'to'];
    return { pursuit: null, userErrors: [userError(field, verdict.message, verdict.code)] };
  }

  const from = pursuit.stage;
  const rows = await em.execute<{ event_seq: number }[]>(
    `update workstream.pursuit
       set stage = ?, probability = ?, lost_reason = ?, version = version + 1, event_seq = event_seq + 1, updated_at = ?
     where id = ? and version = ?
     returning event_seq`,
    [input.to, input.probability ?? DEFAULT_PROBABILITY[input.to], input.to === 'LOST' ? input.lostReason : null, now, pursuit.id, input.expectedVersion],
  );
  if (rows.length === 0) return stale();
  let seq = rows[0]!.event_seq;

  em.create(StageChange, {
    id: uuidv7(),
    orgId: org.orgId,
    pursuitId: pursuit.id,
    fromStage: from,
    toStage: input.to,
    at: now,
    byUserId: org.actor.id,
    note: input.note ?? null,
  });
  const facts = { pursuitId: pursuit.id, by: org.actor.id, clientId: pursuit.clientId, ownerId: pursuit.ownerId, at: now.toISOString() };
  await recordEvent(em, WORKSTREAM_SCHEMA, {
    orgId: org.orgId,
    type: 'PursuitStageChanged',
    aggregateType: 'Pursuit',
    aggregateId: pursuit.id,
    seq,
    occurredAt: now,
    payload: { ...facts, from, to: input.to },
  });
  if (input.to === 'WON') {
    seq = (
      await em.execute<{ event_seq: number }[]>(`update workstream.pursuit set event_seq = event_seq + 1 where id = ? returning event_seq`, [pursuit.id])
    )[0]!.event_seq;
    const value = pursuit.valueAmount ? { amount: pursuit.valueAmount, currency: pursuit.valueCurrency } : null;
    await recordEvent(em, WORKSTREAM_SCHEMA, {
      orgId: org.orgId,
      type: 'PursuitWon',
      aggregateType: 'Pursuit',
      aggregateId: pursuit.id,
      seq,
      occurredAt: now,
      payload: { ...facts, value, candidateId: pursuit.candidateId, name: pursuit.name },
    });
  }
  if (input.to === 'SUBMITTED' || input.to === 'LOST') await meetClock(em, { kind: 'PROPOSAL', subjectId: pursuit.id, at: now });
  // A closed pursuit had its answer: the clocks of proposals still waiting for one stop.
  if (input.to === 'WON' || input.to === 'LOST') {
    for (const proposal of await em.find(Proposal, { pursuitId: pursuit.id, status: 'SENT' }))
      await meetClock(em, { kind: 'RESPONSE', subjectId: proposal.id, at: now });
  }
  await em.flush();
  await em.refresh(pursuit);
  return { pursuit, userErrors: [] };
}
