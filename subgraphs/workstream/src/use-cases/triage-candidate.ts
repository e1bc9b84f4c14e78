import { LockMode } from '@mikro-orm/core';
import { checkForeignReferences, notFound, parseInput } from '@flowledger/shared';
import type { UseCaseOptions, UserError } from '@flowledger/shared';
import { Candidate } from '../entities/index.ts';
import type { CandidateRow } from '../entities/index.ts';
import { canMoveCandidate } from '../domain/candidate-status.ts';
import { triageCandidateSchema } from '../domain/inputs.ts';
import { emitCandidateStatusChanged } from './emit-event.ts';
import { meetClock } from './sla-clocks.ts';
import { userError } from '../errors.ts';
import type { TriageCandidateInput } from '../generated/resolvers-types.ts';

export interface CandidateResult {
  candidate: CandidateRow | null;
  userErrors: UserError[];
}

/** Moves a candidate through triage and sets its attributes; the first touch meets its TRIAGE clock. */
export async function triageCandidate(options: UseCaseOptions<TriageCandidateInput>): Promise<CandidateResult> {
  const { em, org, now } = options;
  const parsed = parseInput(triageCandidateSchema, options.input);
  if (!parsed.ok) return { candidate: null, userErrors: parsed.userErrors };
  const { id, status, ...fields } = parsed.data;
  // The assignee is a person of access: a member of this organisation, or nobody.
  const missing = fields.assigneeId
    ? await checkForeignReferences(options.references, [{ field: ['input', 'assigneeId'], subgraph: 'access', typename: 'User', id: fields.assigneeId }])
    : [];
  if (missing.length) return { candidate: null, userErrors: missing };
  // Locked: its event sequence must not be taken twice by concurrent changes.
  const candidate = await em.findOne(Candidate, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!candidate) return { candidate: null, userErrors: notFound(['input', 'id'], 'candidate', id) };
  const from = candidate.status;
  if (status !== from && !canMoveCandidate(from, status)) {
    return { candidate: null, userErrors: [userError(['input', 'status'], `a candidate cannot move from ${from} to ${status}`, 'INVALID_TRANSITION')] };
  }
  if (fields.priority) candidate.priority = fields.priority;
  if (fields.assigneeId !== undefined) candidate.assigneeId = fields.assigneeId;
  if (fields.dueAt !== undefined) candidate.dueAt = fields.dueAt;
  if (fields.tags) candidate.tags = fields.tags;
  if (!candidate.firstTouchAt) {
    candidate.firstTouchAt = now;
    await meetClock(em, { kind: 'TRIAGE', subjectId: candidate.id, at: now });
  }
  if (status !== from) {
    candidate.status = status;
    await emitCandidateStatusChanged(em, candidate, { from: from, to: status, by: org.actor.id, at: now });
  }
  await em.flush();
  return { candidate, userErrors: [] };
}
