import { inOrgScope } from '@flowledger/shared';
import type { EventEnvelope, Orm } from '@flowledger/shared';
import { openEngagementForWonPursuit } from '../use-cases/open-engagement-for-won-pursuit.ts';

export interface WonPursuit {
  id: string;
  clientId: string;
  name: string;
  value: { amount: string; currency: string } | null;
}

/**
 * The demo's engagements: one per won pursuit of the organisation, the way PursuitWon opens them (the
 * consumer finds them there when it catches up, and leaves them). Idempotent.
 */
export async function seedBilling(options: { billing: Orm; orgId: string; wonPursuits: WonPursuit[]; now?: Date }): Promise<void> {
  const at = (options.now ?? new Date()).toISOString();
  for (const pursuit of options.wonPursuits) {
    const event: EventEnvelope = {
      id: pursuit.id,
      position: '0',
      orgId: options.orgId,
      source: 'seed',
      type: 'PursuitWon',
      aggregateType: 'Pursuit',
      aggregateId: pursuit.id,
      seq: 1,
      occurredAt: at,
      payload: { pursuitId: pursuit.id, clientId: pursuit.clientId, name: pursuit.name, value: pursuit.value },
    };
    await inOrgScope(options.billing, options.orgId, (em) => openEngagementForWonPursuit(em, event));
  }
}
