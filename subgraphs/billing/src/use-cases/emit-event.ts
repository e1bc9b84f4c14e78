import type { EntityManager } from '@mikro-orm/postgresql';
import { recordAggregateEvent } from '@flowledger/shared';
import type { SequencedAggregate } from '@flowledger/shared';
import type { EngagementRow } from '../entities/index.ts';

export const BILLING_SCHEMA = 'billing';

/** Records an event for an aggregate in the request's transaction, with the aggregate's next sequence number. */
export function emitEvent(em: EntityManager, aggregate: SequencedAggregate, aggregateType: string, type: string, payload: Record<string, unknown>, at: Date) {
  return recordAggregateEvent(em, BILLING_SCHEMA, { aggregate, aggregateType, type, payload, at });
}

/** Every opening of an engagement for a pursuit takes this lock first: one engagement per pursuit, also under races. */
export const pursuitKey = (orgId: string, pursuitId: string) => `billing:pursuit:${orgId}:${pursuitId}`;

/** EngagementOpened: what a dashboard or a later subgraph needs without asking back. */
export function engagementOpened(em: EntityManager, engagement: EngagementRow, at: Date) {
  return emitEvent(
    em,
    engagement,
    'Engagement',
    'EngagementOpened',
    {
      engagementId: engagement.id,
      clientId: engagement.clientId,
      pursuitId: engagement.pursuitId,
      name: engagement.name,
      currency: engagement.currency,
      billingModel: engagement.billingModel,
      budget: engagement.budgetAmount,
      origin: engagement.origin,
      at: at.toISOString(),
    },
    at,
  );
}
