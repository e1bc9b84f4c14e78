import { checkForeignReferences, lockKeys, parseInput, uuidv7 } from '@flowledger/shared';
import type { UseCaseOptions, UserError } from '@flowledger/shared';
import { Candidate, Signal } from '../entities/index.ts';
import type { CandidateRow, SignalRow } from '../entities/index.ts';
import { OPEN_CANDIDATE_STATUSES } from '../domain/candidate-status.ts';
import { createSignalSchema } from '../domain/inputs.ts';
import { emitCandidateStatusChanged } from './emit-event.ts';
import { startClock } from './sla-clocks.ts';
import type { CreateSignalInput } from '../generated/resolvers-types.ts';

export interface CreateSignalResult {
  signal: SignalRow | null;
  candidate: CandidateRow | null;
  duplicate: boolean;
  userErrors: UserError[];
}

/**
 * Records a signal. It attaches to the open candidate for its contact (else its client) or opens a new
 * one, whose TRIAGE clock starts. With an externalId, a retry returns the signal already recorded.
 */
export async function createSignal(options: UseCaseOptions<CreateSignalInput>): Promise<CreateSignalResult> {
  const { em, org, now } = options;
  const parsed = parseInput(createSignalSchema, options.input);
  if (!parsed.ok) return { signal: null, candidate: null, duplicate: false, userErrors: parsed.userErrors };
  const input = parsed.data;
  // The client and contact are CRM's: they must exist in this organisation before a signal points at them.
  const missing = await checkForeignReferences(options.references, [
    ...(input.clientId ? [{ field: ['input', 'clientId'], subgraph: 'crm', typename: 'Client', id: input.clientId }] : []),
    ...(input.contactId ? [{ field: ['input', 'contactId'], subgraph: 'crm', typename: 'Contact', id: input.contactId }] : []),
  ]);
  if (missing.length) return { signal: null, candidate: null, duplicate: false, userErrors: missing };
  const openFor = input.contactId ? { contactId: input.contactId } : input.clientId ? { clientId: input.clientId, contactId: null } : null;
  // Concurrent signals for one external id, or for one contact (else client), are serialised before
  // anything is read: the second sees the first's signal (duplicate) or its open candidate (attach),
  // never a unique violation, and no signal is lost.
  await lockKeys(
    em,
    [
      input.externalId ? `workstream:signal:${org.orgId}:${input.source}:${input.externalId}` : '',
      input.contactId
        ? `workstream:open-candidate:${org.orgId}:contact:${input.contactId}`
        : input.clientId
          ? `workstream:open-candidate:${org.orgId}:client:${input.clientId}`
          : '',
    ].filter(Boolean),
  );
  if (input.externalId) {
    const existing = await em.findOne(Signal, { source: input.source, externalId: input.externalId });
    if (existing) return { signal: existing, candidate: await em.findOneOrFail(Candidate, { id: existing.candidateId }), duplicate: true, userErrors: [] };
  }
  let candidate = openFor ? await em.findOne(Candidate, { ...openFor, status: { $in: [...OPEN_CANDIDATE_STATUSES] } }) : null;
  const receivedAt = input.receivedAt ?? now;
  if (!candidate) {
    candidate = em.create(Candidate, {
      id: uuidv7(),
      orgId: org.orgId,
      status: 'NEW',
      title: input.summary,
      clientId: input.clientId ?? null,
      contactId: input.contactId ?? null,
      priority: input.priority ?? 'MEDIUM',
      tags: input.tags ?? [],
      eventSeq: 0,
    });
    await startClock(em, { orgId: org.orgId, kind: 'TRIAGE', subjectId: candidate.id, startedAt: receivedAt, now });
    await emitCandidateStatusChanged(em, candidate, { from: null, to: 'NEW', by: org.actor.id, at: now });
  } else if (input.tags?.length) {
    candidate.tags = [...new Set([...candidate.tags, ...input.tags])];
  }
  const signal = em.create(Signal, {
    id: uuidv7(),
    orgId: org.orgId,
    source: input.source,
    summary: input.summary,
    clientId: input.clientId ?? null,
    contactId: input.contactId ?? null,
    receivedAt,
    externalId: input.externalId ?? null,
    candidateId: candidate.id,
  });
  await em.flush();
  return { signal, candidate, duplicate: false, userErrors: [] };
}
