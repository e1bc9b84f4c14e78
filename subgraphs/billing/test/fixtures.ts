import { inOrgScope } from '@flowledger/shared';
import type { EventEnvelope, Orm } from '@flowledger/shared';
import { TEST_ORGS } from '@flowledger/shared/testkit';
import type { TestOrg } from '@flowledger/shared/testkit';
import { Engagement } from '../src/entities/index.ts';
import { learnAssignment } from '../src/use-cases/learn-assignment.ts';

/** Fixed ids of the billing fixture: people, engagements and the assignments staffing would have announced. */
export const IDS = {
  ada: '01938000-0000-7000-8000-00000000c001',
  bob: '01938000-0000-7000-8000-00000000c002',
  nobody: '01938000-0000-7000-8000-00000000c003',
  client: '01938000-0000-7000-8000-00000000d001',
  pursuit: '01938000-0000-7000-8000-00000000d101',
  tm: '01938000-0000-7000-8000-00000000e001',
  fixed: '01938000-0000-7000-8000-00000000e002',
  usd: '01938000-0000-7000-8000-00000000e003',
  globexEngagement: '01938000-0000-7000-8000-00000000e004',
  version: '01938000-0000-7000-8000-00000000f001',
};

/** An assignment as staffing's AssignmentCreated announces it. */
export function assignmentEvent(
  org: TestOrg,
  facts: {
    id: string;
    staffId: string;
    engagementId?: string;
    pursuitId?: string;
    startDate: string;
    endDate: string;
    billRate: string;
    currency?: string;
    role?: string;
  },
  seq = 1,
): EventEnvelope {
  return {
    id: facts.id,
    position: String(seq),
    orgId: TEST_ORGS[org].id,
    source: 'staffing',
    type: seq === 1 ? 'AssignmentCreated' : 'AssignmentUpdated',
    aggregateType: 'Assignment',
    aggregateId: facts.id,
    seq,
    occurredAt: new Date().toISOString(),
    payload: {
      assignmentId: facts.id,
      staffId: facts.staffId,
      engagementId: facts.engagementId ?? null,
      pursuitId: facts.pursuitId ?? null,
      role: facts.role ?? 'CONSULTANT',
      startDate: facts.startDate,
      endDate: facts.endDate,
      billRate: facts.billRate,
      currency: facts.currency ?? 'EUR',
      rateCardVersionId: IDS.version,
    },
  };
}

/**
 * acme: a T&M engagement won from a pursuit (Ada assigned on the pursuit, Bob on the engagement, both
 * in December 2026), a fixed-fee one, one billed in USD; globex: an engagement of its own.
 */
export async function seedBillingFixture(orm: Orm): Promise<void> {
  const acme = TEST_ORGS.acme.id;
  await inOrgScope(orm, acme, async (em) => {
    em.create(Engagement, {
      id: IDS.tm,
      orgId: acme,
      clientId: IDS.client,
      pursuitId: IDS.pursuit,
      name: 'Data platform',
      currency: 'EUR',
      billingModel: 'TIME_AND_MATERIALS',
      origin: 'PURSUIT_WON',
    });
    em.create(Engagement, {
      id: IDS.fixed,
      orgId: acme,
      clientId: IDS.client,
      name: 'Audit',
      currency: 'EUR',
      billingModel: 'FIXED_FEE',
      budgetAmount: '30000.00',
      origin: 'MANUAL',
    });
    em.create(Engagement, {
      id: IDS.usd,
      orgId: acme,
      clientId: IDS.client,
      name: 'US rollout',
      currency: 'USD',
      billingModel: 'TIME_AND_MATERIALS',
      origin: 'MANUAL',
    });
    await em.flush();
    await learnAssignment(
      em,
      assignmentEvent('acme', {
        id: '01938000-0000-7000-8000-0000000a0001',
        staffId: IDS.ada,
        pursuitId: IDS.pursuit,
        startDate: '2026-12-01',
        endDate: '2026-12-31',
        billRate: '123.4567',
      }),
    );
    await learnAssignment(
      em,
      assignmentEvent('acme', {
        id: '01938000-0000-7000-8000-0000000a0002',
        staffId: IDS.bob,
        engagementId: IDS.tm,
        startDate: '2026-12-01',
        endDate: '2026-12-15',
        billRate: '150.00',
        role: 'PRINCIPAL',
      }),
    );
  });
  await inOrgScope(orm, TEST_ORGS.globex.id, async (em) => {
    em.create(Engagement, {
      id: IDS.globexEngagement,
      orgId: TEST_ORGS.globex.id,
      clientId: IDS.client,
      name: 'Globex work',
      currency: 'EUR',
      billingModel: 'TIME_AND_MATERIALS',
      origin: 'MANUAL',
    });
    await em.flush();
  });
}
