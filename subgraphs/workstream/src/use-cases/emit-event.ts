import type { EntityManager } from '@mikro-orm/postgresql';
import { recordAggregateEvent } from '@flowledger/shared';
import type { SequencedAggregate } from '@flowledger/shared';

export const WORKSTREAM_SCHEMA = 'workstream';

type Sequenced = SequencedAggregate;

/** Records an event for an aggregate in the request's transaction, with the aggregate's next sequence number. */
export function emitEvent(em: EntityManager, aggregate: Sequenced, aggregateType: string, type: string, payload: Record<string, unknown>, at: Date) {
  return recordAggregateEvent(em, WORKSTREAM_SCHEMA, { aggregate, aggregateType, type, payload, at });
}

/** A candidate's status change, with the facts subscriptions filter on (client, contact, assignee). */
export async function emitCandidateStatusChanged(
  em: EntityManager,
  candidate: Sequenced & { clientId?: string | null; contactId?: string | null; assigneeId?: string | null },
  change: { from: string | null; to: string; by: string; at: Date },
): Promise<void> {
  const facts = {
    candidateId: candidate.id,
    from: change.from,
    to: change.to,
    by: change.by,
    clientId: candidate.clientId,
    contactId: candidate.contactId,
    assigneeId: candidate.assigneeId,
    at: change.at.toISOString(),
  };
  await emitEvent(em, candidate, 'Candidate', 'CandidateStatusChanged', facts, change.at);
}
