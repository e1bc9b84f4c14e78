import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { billingSubgraph } from '@flowledger/billing';
import { countedQueries, inOrgScope } from '@flowledger/shared';
import { startSubgraphUnderTest, TEST_ORGS } from '@flowledger/shared/testkit';
import type { SubgraphUnderTest } from '@flowledger/shared/testkit';
import { Engagement, Invoice, InvoiceLine, Milestone, TimeEntry } from '../src/entities/index.ts';
import { learnAssignment } from '../src/use-cases/learn-assignment.ts';
import { assignmentEvent, IDS } from './fixtures.ts';

let billing: SubgraphUnderTest;
const acme = TEST_ORGS.acme.id;

/** 30 engagements, each with a milestone, a person assigned and three entries (approved, submitted, draft). */
beforeAll(async () => {
  billing = await startSubgraphUnderTest(billingSubgraph, {
    seed: (orm) =>
      inOrgScope(orm, acme, async (em) => {
        for (let i = 0; i < 30; i++) {
          const n = String(i).padStart(2, '0');
          const engagement = em.create(Engagement, {
            orgId: acme,
            clientId: IDS.client,
            name: `Engagement ${n}`,
            currency: 'EUR',
            billingModel: 'MILESTONE',
            origin: 'MANUAL',
          });
          em.create(Milestone, { orgId: acme, engagementId: engagement.id, name: 'Phase', amount: '100.00', dueDate: '2026-12-31' });
          const staffId = `01938000-0000-7000-8000-0000001${n.padStart(5, '0')}0`.slice(0, 36);
          await learnAssignment(
            em,
            assignmentEvent('acme', {
              id: `01938000-0000-7000-8000-0000002${n.padStart(5, '0')}0`.slice(0, 36),
              staffId,
              engagementId: engagement.id,
              startDate: '2026-12-01',
              endDate: '2026-12-31',
              billRate: '100.00',
            }),
          );
          for (const status of ['APPROVED', 'SUBMITTED', 'DRAFT'] as const)
            em.create(TimeEntry, {
              orgId: acme,
              engagementId: engagement.id,
              staffId,
              entryDate: '2026-12-07',
              minutes: 60,
              status,
              ...(status === 'APPROVED' ? { billRate: '100.0000', currency: 'EUR', amount: '100.00', role: 'CONSULTANT', approvedAt: new Date() } : {}),
            });
        }
        await em.flush();
      }),
  });
});
afterAll(() => billing?.close());

async function statements(query: string, first: number) {
  const before = countedQueries('billing');
  const { body } = await billing.query({ query, variables: { first } });
  expect(body.errors).toBeUndefined();
  return { statements: countedQueries('billing') - before, data: body.data };
}

test('a page of engagements with milestones and time (rates of drafts included) costs the same SQL for 5 and 30', async () => {
  const PAGE = `query($first: Int) { engagements(first: $first) { edges { node { name milestones { amount { amount currency } } timeEntries { status hours billRate { amount } amount { amount } engagement { name } } } } } }`;
  const small = await statements(PAGE, 5);
  const large = await statements(PAGE, 30);
  expect(large.data.engagements.edges).toHaveLength(30);
  const entries = large.data.engagements.edges[29].node.timeEntries;
  expect(entries.map((e: any) => [e.status, e.billRate.amount, e.amount?.amount ?? null])).toEqual(
    expect.arrayContaining([
      ['APPROVED', '100.0000', '100.00'],
      ['SUBMITTED', '100.0000', null],
      ['DRAFT', '100.0000', null],
    ]),
  );
  expect(large.statements).toBe(small.statements);
  // begin, scope, page, milestones, time entries, assignments by person, commit (the page primes the engagements)
  expect(large.statements).toBeLessThanOrEqual(7);
});

test('a page of time entries with their engagements costs the same SQL for 5 and 30', async () => {
  const PAGE = `query($first: Int) { timeEntries(first: $first) { edges { node { hours billRate { amount } engagement { name milestones { name } } } } } }`;
  const small = await statements(PAGE, 5);
  const large = await statements(PAGE, 30);
  expect(large.data.timeEntries.edges).toHaveLength(30);
  expect(large.statements).toBe(small.statements);
  // begin, scope, page, engagements, milestones, assignments by person, commit
  expect(large.statements).toBeLessThanOrEqual(7);
});

test('a page of invoices with lines, payments, totals and engagements costs the same SQL for 5 and 30', async () => {
  await inOrgScope(billing.orm, acme, async (em) => {
    const engagements = await em.find(Engagement, {});
    for (const [i, engagement] of engagements.entries()) {
      const invoice = em.create(Invoice, {
        orgId: acme,
        kind: 'INVOICE',
        engagementId: engagement.id,
        clientId: IDS.client,
        status: 'DRAFT',
        currency: 'EUR',
        taxRate: '19.0000',
        taxInclusive: false,
        subtotal: '100.00',
        taxTotal: '19.00',
        total: '119.00',
      });
      for (const position of [0, 1])
        em.create(InvoiceLine, {
          orgId: acme,
          invoiceId: invoice.id,
          position,
          kind: 'MILESTONE',
          description: `Line ${i}.${position}`,
          quantity: '1.0000',
          unitPrice: '50.0000',
          netAmount: '50.00',
          taxAmount: '9.50',
          totalAmount: '59.50',
        });
    }
    await em.flush();
  });
  const PAGE = `query($first: Int) { invoices(first: $first) { edges { node { number total { amount } balanceDue { amount } lines { description net { amount } } payments { amount { amount } } engagement { name } creditNote { number } pdfUrl } } } }`;
  const small = await statements(PAGE, 5);
  const large = await statements(PAGE, 30);
  expect(large.data.invoices.edges).toHaveLength(30);
  expect(large.data.invoices.edges[7].node.lines).toHaveLength(2);
  expect(large.statements).toBe(small.statements);
  // begin, scope, page, lines, payments, engagements, credit notes, commit (the page primes the invoices)
  expect(large.statements).toBeLessThanOrEqual(8);
});
