import type { EntityManager } from '@mikro-orm/postgresql';
import { lockKeys } from '@flowledger/shared';
import type { EventEnvelope } from '@flowledger/shared';
import { z } from 'zod';
import { engagementFromWonPursuit } from '../domain/engagement-rules.ts';
import { Engagement } from '../entities/index.ts';
import { engagementOpened, pursuitKey } from './emit-event.ts';

/** The base currency until organisations set their own (with the invoices' settings). */
export const DEFAULT_BASE_CURRENCY = 'USD';

const wonPayload = z.object({
  pursuitId: z.uuid(),
  clientId: z.uuid(),
  name: z.string().min(1).max(200).nullish(),
  value: z.object({ amount: z.string().regex(/^\d{1,14}(\.\d{1,2})?$/), currency: z.string().regex(/^[A-Z]{3}$/) }).nullish(),
});

/**
 * workstream's PursuitWon opens the pursuit's engagement, once: a pursuit that already has one (made
 * by hand, or by an earlier delivery of this event) keeps it. Applied by the durable consumer, in the
 * transaction of its inbox row.
 */
export async function openEngagementForWonPursuit(em: EntityManager, event: EventEnvelope): Promise<void> {
  const payload = wonPayload.parse(event.payload);
  await lockKeys(em, [pursuitKey(event.orgId, payload.pursuitId)]);
  if (await em.findOne(Engagement, { pursuitId: payload.pursuitId })) return;
  const facts = engagementFromWonPursuit({ name: payload.name ?? null, value: payload.value ?? null }, DEFAULT_BASE_CURRENCY);
  const engagement = em.create(Engagement, {
    orgId: event.orgId,
    clientId: payload.clientId,
    pursuitId: payload.pursuitId,
    name: facts.name,
    currency: facts.currency,
    billingModel: facts.billingModel,
    budgetAmount: facts.budgetAmount,
    origin: 'PURSUIT_WON',
  });
  await engagementOpened(em, engagement, new Date(event.occurredAt));
  await em.flush();
}
