import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventEnvelope } from '@flowledger/shared';
import { z } from 'zod';

const engagementPayload = z.object({ kind: z.enum(['FIRST_OPEN', 'FIRST_CLICK']), proposalId: z.uuid().nullable().optional(), at: z.string() });

/**
 * tracking's EngagementRecorded: a person's first open of a mail that carried a proposal stamps the
 * proposal's firstViewedAt, once (the earliest wins; applied by the durable consumer in the
 * transaction of its inbox row).
 */
export async function stampProposalView(em: EntityManager, event: EventEnvelope): Promise<void> {
  const payload = engagementPayload.parse(event.payload);
  if (payload.kind !== 'FIRST_OPEN' || !payload.proposalId) return;
  await em.execute(`update workstream.proposal set first_viewed_at = ?, updated_at = now() where id = ? and (first_viewed_at is null or first_viewed_at > ?)`, [
    new Date(payload.at),
    payload.proposalId,
    new Date(payload.at),
  ]);
}
