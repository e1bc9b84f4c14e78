import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound, userError, userErrorsFromZod, uuidv7 } from '@flowledger/shared';
import type { OrgContext, UserError } from '@flowledger/shared';
import { Proposal, Pursuit } from '../entities/index.ts';
import type { ProposalRow } from '../entities/index.ts';
import { createProposalSchema, idInputSchema, recordProposalResponseSchema } from '../domain/inputs.ts';
import { canMoveProposal } from '../domain/proposal-status.ts';
import type { ProposalStatus } from '../domain/proposal-status.ts';
import { emitEvent } from './emit-event.ts';
import { meetClock, startClock } from './sla-clocks.ts';

export interface ProposalResult {
  proposal: ProposalRow | null;
  userErrors: UserError[];
}

interface Options {
  em: EntityManager;
  org: OrgContext;
  input: unknown;
  now: Date;
}

/** A new version (v1, v2, …) of a pursuit's proposal, in DRAFT; the open earlier versions are SUPERSEDED. */
export async function createProposal({ em, org, input, now }: Options): Promise<ProposalResult> {
  const parsed = createProposalSchema.safeParse(input);
  if (!parsed.success) return { proposal: null, userErrors: userErrorsFromZod(parsed.error) };
  // The pursuit row lock serialises version numbering for that pursuit.
  const pursuit = await em.findOne(Pursuit, { id: parsed.data.pursuitId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!pursuit) return { proposal: null, userErrors: notFound(['input', 'pursuitId'], 'pursuit', parsed.data.pursuitId) };
  if (pursuit.stage === 'WON' || pursuit.stage === 'LOST') {
    return { proposal: null, userErrors: [userError(['input', 'pursuitId'], `the pursuit is ${pursuit.stage}`, 'PURSUIT_CLOSED')] };
  }
  const earlier = await em.find(Proposal, { pursuitId: pursuit.id }, { orderBy: { version: 'desc' } });
  for (const previous of earlier) {
    if (previous.status === 'DRAFT' || previous.status === 'SENT') {
      if (previous.status === 'SENT') await meetClock(em, { kind: 'RESPONSE', subjectId: previous.id, at: now });
      previous.status = 'SUPERSEDED';
    }
  }
  const proposal = em.create(Proposal, {
    id: uuidv7(),
    orgId: org.orgId,
    pursuitId: pursuit.id,
    version: (earlier[0]?.version ?? 0) + 1,
    status: 'DRAFT',
    title: parsed.data.title,
    eventSeq: 0,
  });
  await em.flush();
  return { proposal, userErrors: [] };
}

async function moveProposal(options: Options & { to: ProposalStatus; id: string }): Promise<ProposalResult | ProposalRow> {
  const proposal = await options.em.findOne(Proposal, { id: options.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!proposal) return { proposal: null, userErrors: notFound(['input', 'id'], 'proposal', options.id) };
  if (!canMoveProposal(proposal.status, options.to)) {
    return { proposal: null, userErrors: [userError(['input', 'id'], `a ${proposal.status} proposal cannot become ${options.to}`, 'INVALID_TRANSITION')] };
  }
  return proposal;
}

/** DRAFT -> SENT: records the time and starts the RESPONSE clock. */
export async function sendProposal(options: Options): Promise<ProposalResult> {
  const parsed = idInputSchema.safeParse(options.input);
  if (!parsed.success) return { proposal: null, userErrors: userErrorsFromZod(parsed.error) };
  const moved = await moveProposal({ ...options, id: parsed.data.id, to: 'SENT' });
  if ('userErrors' in moved) return moved;
  const { em, org, now } = options;
  // A closed pursuit's proposal is not sent: its RESPONSE clock would run and breach for nothing.
  const pursuit = await em.findOne(Pursuit, { id: moved.pursuitId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!pursuit || pursuit.stage === 'WON' || pursuit.stage === 'LOST') {
    return {
      proposal: null,
      userErrors: [
        userError(['input', 'id'], `the proposal's pursuit is ${pursuit?.stage ?? 'gone'}: a closed pursuit's proposals cannot be sent`, 'PURSUIT_CLOSED'),
      ],
    };
  }
  moved.status = 'SENT';
  moved.sentAt = now;
  await startClock(em, { orgId: org.orgId, kind: 'RESPONSE', subjectId: moved.id, startedAt: now, now });
  await emitEvent(
    em,
    moved,
    'Proposal',
    'ProposalSent',
    { proposalId: moved.id, pursuitId: moved.pursuitId, version: moved.version, by: org.actor.id, sentAt: now.toISOString() },
    now,
  );
  await em.flush();
  return { proposal: moved, userErrors: [] };
}

/** SENT -> ACCEPTED | REJECTED: the client answered, which meets the RESPONSE clock. */
export async function recordProposalResponse(options: Options): Promise<ProposalResult> {
  const parsed = recordProposalResponseSchema.safeParse(options.input);
  if (!parsed.success) return { proposal: null, userErrors: userErrorsFromZod(parsed.error) };
  const moved = await moveProposal({ ...options, id: parsed.data.id, to: parsed.data.status });
  if ('userErrors' in moved) return moved;
  moved.status = parsed.data.status;
  moved.respondedAt = options.now;
  await meetClock(options.em, { kind: 'RESPONSE', subjectId: moved.id, at: options.now });
  await options.em.flush();
  return { proposal: moved, userErrors: [] };
}
