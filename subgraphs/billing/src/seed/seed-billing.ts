import { inOrgScope } from '@flowledger/shared';
import type { EntityReferences, EventEnvelope, OrgContext, Orm } from '@flowledger/shared';
import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays, todayIn } from '../domain/dates.ts';
import { Engagement, Invoice } from '../entities/index.ts';
import { addMilestone } from '../use-cases/add-milestone.ts';
import { approveTime } from '../use-cases/approve-time.ts';
import { createEngagement } from '../use-cases/create-engagement.ts';
import { generateInvoice } from '../use-cases/generate-invoice.ts';
import { issueInvoice } from '../use-cases/issue-invoice.ts';
import { learnAssignment } from '../use-cases/learn-assignment.ts';
import { logTime } from '../use-cases/log-time.ts';
import { openEngagementForWonPursuit } from '../use-cases/open-engagement-for-won-pursuit.ts';
import { recordPayment } from '../use-cases/record-payment.ts';
import { setBillingSettings } from '../use-cases/set-billing-settings.ts';
import { setExchangeRate } from '../use-cases/set-exchange-rate.ts';
import { voidInvoice } from '../use-cases/void-invoice.ts';

export interface WonPursuit {
  id: string;
  clientId: string;
  name: string;
  value: { amount: string; currency: string } | null;
}

/** The demo's engagements: one per won pursuit, the way PursuitWon opens them (the consumer finds them and leaves them). */
export async function seedEngagements(options: { billing: Orm; orgId: string; wonPursuits: WonPursuit[]; now?: Date }): Promise<string[]> {
  const at = (options.now ?? new Date()).toISOString();
  const ids: string[] = [];
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
    ids.push(
      await inOrgScope(options.billing, options.orgId, async (em) => {
        await openEngagementForWonPursuit(em, event);
        return (await em.findOneOrFail(Engagement, { pursuitId: pursuit.id })).id;
      }),
    );
  }
  return ids;
}

/**
 * The demo's billing, once (skipped when invoices exist): settings (EUR, 19 % VAT on top, 30 days),
 * a GBP rate; on each T&M engagement five weeks of approved time by its team, billed week by week
 * into invoices in every status — overdue (the scheduler marks it at start), paid, partially paid,
 * voided with its credit note and issued again, a draft — and a fixed-fee engagement in GBP.
 * `assignments` are staffing's AssignmentCreated events for the teams (billing learns them the same way).
 */
export async function seedBilling(options: {
  billing: Orm;
  orgId: string;
  adminId: string;
  engagementIds: string[];
  assignments: EventEnvelope[];
  clientNames: Record<string, string>;
  now?: Date;
}): Promise<void> {
  const now = options.now ?? new Date();
  const today = todayIn(now);
  const org: OrgContext = { orgId: options.orgId, actor: { type: 'user', id: options.adminId }, roles: ['ADMIN'], requestId: 'seed' };
  const references: EntityReferences = {
    existing: async (_s, _t, ids) => new Set(ids),
    fields: async (_s, _t, ids) => new Map(ids.filter((id) => options.clientNames[id]).map((id) => [id, { id, name: options.clientNames[id] }])),
  };
  const run = <T>(work: (em: EntityManager) => Promise<T>) => inOrgScope(options.billing, options.orgId, work);
  const call = <I, R>(
    useCase: (o: { em: EntityManager; org: OrgContext; now: Date; references: EntityReferences; input: I }) => Promise<R>,
    input: I,
    at = now,
  ) => run((em) => useCase({ em, org, now: at, references, input }));
  if ((await run((em) => em.count(Invoice, {}))) > 0) return;

  await call(setBillingSettings, { baseCurrency: 'EUR', taxRate: '19', taxInclusive: false, paymentTermsDays: 30, legalName: 'Acme Advisory GmbH' });
  await call(setExchangeRate, { currency: 'GBP', date: addDays(today, -90), rate: '1.16500000' });
  await run(async (em) => {
    for (const event of options.assignments) await learnAssignment(em, event);
  });

  const issueOn = async (id: string, daysAgo: number) =>
    (await call(issueInvoice, { id, issueDate: addDays(today, -daysAgo) }, new Date(now.getTime() - daysAgo * 86_400_000))).invoice!;
  for (const engagementId of options.engagementIds) {
    const team = options.assignments.filter((a) => a.payload.engagementId === engagementId).map((a) => String(a.payload.staffId));
    // Five weeks of weekdays, back from last Friday; a few hours a day each, some in thirds of an hour.
    const days: string[] = [];
    for (let d = 35; d >= 1; d--) {
      const day = addDays(today, -d);
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      if (weekday !== 0 && weekday !== 6) days.push(day);
    }
    for (const [p, staffId] of team.entries()) {
      const ids: string[] = [];
      for (const [i, date] of days.entries()) {
        const logged = await call(logTime, {
          engagementId,
          staffId,
          date,
          minutes: 240 + ((i + p) % 4) * 20,
          note: i % 5 === 0 ? 'Workshop' : null,
          submit: true,
        });
        if (logged.timeEntry) ids.push(logged.timeEntry.id);
      }
      for (let i = 0; i < ids.length; i += 100) await call(approveTime, { ids: ids.slice(i, i + 100) });
    }
    const billWeek = async (weeksAgo: number) => (await call(generateInvoice, { engagementId, periodEnd: addDays(today, -7 * weeksAgo) })).invoice;
    const overdue = await billWeek(4);
    if (overdue) await issueOn(overdue.id, 35);
    const paid = await billWeek(3);
    if (paid) {
      const issued = await issueOn(paid.id, 28);
      await call(recordPayment, { invoiceId: issued.id, amount: issued.total, paidOn: addDays(today, -10), reference: 'SEPA 2291' });
    }
    const partly = await billWeek(2);
    if (partly) {
      const issued = await issueOn(partly.id, 14);
      await call(recordPayment, { invoiceId: issued.id, amount: '5000.00', paidOn: addDays(today, -3), reference: 'SEPA 2307' });
    }
    const wrong = await billWeek(1);
    if (wrong) {
      await issueOn(wrong.id, 7);
      await call(voidInvoice, { id: wrong.id, reason: 'Issued before the client approved the timesheet' });
      const again = await billWeek(1);
      if (again) await issueOn(again.id, 5);
    }
    await billWeek(0);
  }

  // A fixed fee in pounds for the first engagement's client: one milestone billed, one to come.
  const first = options.engagementIds[0] && (await run((em) => em.findOne(Engagement, { id: options.engagementIds[0]! })));
  if (first) {
    const uk = (await call(createEngagement, { clientId: first.clientId, name: 'UK rollout', currency: 'GBP', billingModel: 'FIXED_FEE', budget: '30000' }))
      .engagement!;
    await call(
      addMilestone,
      { engagementId: uk.id, name: 'Discovery', amount: '15000', dueDate: addDays(today, -20) },
      new Date(now.getTime() - 20 * 86_400_000),
    );
    await call(addMilestone, { engagementId: uk.id, name: 'Rollout', amount: '15000', dueDate: addDays(today, 40) });
    const draft = (await call(generateInvoice, { engagementId: uk.id, periodEnd: addDays(today, -20) })).invoice;
    if (draft) await issueOn(draft.id, 20);
  }
}
