import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { billingSubgraph } from '@flowledger/billing';
import { inOrgScope, withPgClient } from '@flowledger/shared';
import { startSubgraphUnderTest, TEST_ORGS } from '@flowledger/shared/testkit';
import type { SubgraphUnderTest } from '@flowledger/shared/testkit';
import { learnAssignment } from '../src/use-cases/learn-assignment.ts';
import { assignmentEvent, IDS, seedBillingFixture } from './fixtures.ts';
import { M, ok, payload, refusals } from './helpers.ts';

let billing: SubgraphUnderTest;
beforeAll(async () => {
  billing = await startSubgraphUnderTest(billingSubgraph, { seed: seedBillingFixture });
});
afterAll(() => billing?.close());

const log = (input: Record<string, unknown>) => ok(billing, M.log, { engagementId: IDS.tm, staffId: IDS.ada, date: '2026-12-07', ...input });

describe('logging time', () => {
  test('a day covered by the pursuit’s assignment bills at its snapshot: 20 minutes at 123.4567 show 0.3333 h at that rate', async () => {
    const { timeEntry } = await log({ minutes: 20, note: 'Workshop prep' });
    expect(timeEntry).toMatchObject({
      status: 'DRAFT',
      hours: '0.3333',
      minutes: 20,
      role: 'CONSULTANT',
      billRate: { amount: '123.4567', currency: 'EUR' },
      amount: null,
    });
  });

  test('hours are taken as minutes when they are whole minutes; thirds of an hour must be sent as minutes', async () => {
    expect((await log({ hours: '1.25' })).timeEntry).toMatchObject({ minutes: 75, hours: '1.2500' });
    expect(await refusals(billing, M.log, { engagementId: IDS.tm, staffId: IDS.ada, date: '2026-12-07', hours: '0.3333' })).toEqual([
      ['input.hours', 'INVALID_INPUT'],
    ]);
    expect(await refusals(billing, M.log, { engagementId: IDS.tm, staffId: IDS.ada, date: '2026-12-07', hours: '1', minutes: 60 })).toEqual([
      ['input.minutes', 'INVALID_INPUT'],
    ]);
    expect(await refusals(billing, M.log, { engagementId: IDS.tm, staffId: IDS.ada, date: '2026-12-07' })).toEqual([['input.hours', 'INVALID_INPUT']]);
  });

  test('a day no assignment covers, a person with none, and a rate in another currency are refused with what is wrong', async () => {
    expect(await refusals(billing, M.log, { engagementId: IDS.tm, staffId: IDS.bob, date: '2026-12-20', minutes: 60 })).toEqual([
      ['input.date', 'NO_ASSIGNMENT'],
    ]);
    expect(await refusals(billing, M.log, { engagementId: IDS.tm, staffId: IDS.nobody, date: '2026-12-07', minutes: 60 })).toEqual([
      ['input.date', 'NO_ASSIGNMENT'],
    ]);
    // Bob's assignment is on the T&M engagement only: another engagement of the same client is not covered.
    expect(await refusals(billing, M.log, { engagementId: IDS.fixed, staffId: IDS.bob, date: '2026-12-07', minutes: 60 })).toEqual([
      ['input.date', 'NO_ASSIGNMENT'],
    ]);
    await inOrgScope(billing.orm, TEST_ORGS.acme.id, (em) =>
      learnAssignment(
        em,
        assignmentEvent('acme', {
          id: '01938000-0000-7000-8000-0000000a0009',
          staffId: IDS.ada,
          engagementId: IDS.usd,
          startDate: '2026-12-01',
          endDate: '2026-12-31',
          billRate: '90.00',
          currency: 'EUR',
        }),
      ),
    );
    expect(await refusals(billing, M.log, { engagementId: IDS.usd, staffId: IDS.ada, date: '2026-12-07', minutes: 60 })).toEqual([
      ['input.date', 'RATE_CURRENCY_MISMATCH'],
    ]);
  });

  test('an assignment shortened later (AssignmentUpdated) no longer covers the days it gave up; an older event changes nothing', async () => {
    const bob = {
      id: '01938000-0000-7000-8000-0000000a0002',
      staffId: IDS.bob,
      engagementId: IDS.tm,
      startDate: '2026-12-01',
      billRate: '150.00',
      role: 'PRINCIPAL',
    };
    await inOrgScope(billing.orm, TEST_ORGS.acme.id, (em) => learnAssignment(em, assignmentEvent('acme', { ...bob, endDate: '2026-12-10' }, 2)));
    expect(await refusals(billing, M.log, { engagementId: IDS.tm, staffId: IDS.bob, date: '2026-12-12', minutes: 60 })).toEqual([
      ['input.date', 'NO_ASSIGNMENT'],
    ]);
    await inOrgScope(billing.orm, TEST_ORGS.acme.id, (em) => learnAssignment(em, assignmentEvent('acme', { ...bob, endDate: '2026-12-15' }, 1)));
    expect(await refusals(billing, M.log, { engagementId: IDS.tm, staffId: IDS.bob, date: '2026-12-12', minutes: 60 })).toEqual([
      ['input.date', 'NO_ASSIGNMENT'],
    ]);
    expect((await ok(billing, M.log, { engagementId: IDS.tm, staffId: IDS.bob, date: '2026-12-09', minutes: 60 })).timeEntry.billRate).toEqual({
      amount: '150.0000',
      currency: 'EUR',
    });
  });
});

describe('approval', () => {
  test('approving freezes the rate and the amount (rounded half-even to the cent); the entry is then locked, even to SQL', async () => {
    const { timeEntry } = await log({ minutes: 20, submit: true });
    expect(timeEntry.status).toBe('SUBMITTED');
    const approved = await ok(billing, M.approve, { ids: [timeEntry.id] });
    // 123.4567 × 20 / 60 = 41.152233… → 41.15
    expect(approved.timeEntries[0]).toMatchObject({
      status: 'APPROVED',
      billRate: { amount: '123.4567', currency: 'EUR' },
      amount: { amount: '41.15', currency: 'EUR' },
    });
    expect(await refusals(billing, M.update, { id: timeEntry.id, minutes: 30 })).toEqual([['input.id', 'ENTRY_LOCKED']]);
    expect(await refusals(billing, M.approve, { ids: [timeEntry.id] })).toEqual([['input.ids.0', 'ENTRY_LOCKED']]);
    const sql = withPgClient(billing.graph.db.appUrl, async (client) => {
      await client.query('begin');
      await client.query(`select set_config('app.org_id', $1, true)`, [TEST_ORGS.acme.id]);
      await client.query(`update billing.time_entry set minutes = 600 where id = $1`, [timeEntry.id]);
    });
    await expect(sql).rejects.toThrow(/approved time entry is locked/);
  });

  test('a batch is all or none: one draft among submitted entries approves nothing', async () => {
    const a = (await log({ minutes: 30, submit: true })).timeEntry;
    const b = (await log({ minutes: 45 })).timeEntry;
    expect(await refusals(billing, M.approve, { ids: [a.id, b.id] })).toEqual([['input.ids.1', 'INVALID_TRANSITION']]);
    const after = await billing.query({ query: `query($id: ID!) { timeEntry(id: $id) { status } }`, variables: { id: a.id } });
    expect(after.body.data.timeEntry.status).toBe('SUBMITTED');
  });

  test('rejecting needs a reason; a rejected entry is edited and submitted again', async () => {
    const entry = (await log({ minutes: 30, submit: true })).timeEntry;
    expect(await refusals(billing, M.reject, { ids: [entry.id], reason: '  ' })).toEqual([['input.reason', 'INVALID_INPUT']]);
    const rejected = await ok(billing, M.reject, { ids: [entry.id], reason: 'Wrong day' });
    expect(rejected.timeEntries[0]).toMatchObject({ status: 'REJECTED', rejectionReason: 'Wrong day' });
    await ok(billing, M.update, { id: entry.id, date: '2026-12-08' });
    expect((await ok(billing, M.submit, { ids: [entry.id] })).timeEntries[0]).toMatchObject({ status: 'SUBMITTED', rejectionReason: null });
  });

  test('only an ADMIN approves or rejects; a MEMBER logs and submits', async () => {
    const entry = (await log({ minutes: 30, submit: true })).timeEntry;
    const { body } = await billing.query({ role: 'MEMBER', query: M.approve, variables: { input: { ids: [entry.id] } } });
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const logged = await payload(billing, M.log, { engagementId: IDS.tm, staffId: IDS.ada, date: '2026-12-09', minutes: 15, submit: true }, 'acme', 'MEMBER');
    expect(logged.timeEntry?.status).toBe('SUBMITTED');
  });
});

describe('engagements and milestones', () => {
  test('milestones go on fixed-fee engagements, DUE once their day has come; a T&M engagement refuses them', async () => {
    const due = await ok(billing, M.milestone, { engagementId: IDS.fixed, name: 'Phase 1', amount: '10000', dueDate: '2026-01-15' });
    expect(due.milestone).toMatchObject({ amount: { amount: '10000.00', currency: 'EUR' }, status: 'DUE' });
    const later = await ok(billing, M.milestone, { engagementId: IDS.fixed, name: 'Phase 2', amount: '0.10', dueDate: '2099-01-15' });
    expect(later.milestone.status).toBe('PENDING');
    expect(await refusals(billing, M.milestone, { engagementId: IDS.tm, name: 'X', amount: '1', dueDate: '2026-01-01' })).toEqual([
      ['input.engagementId', 'MILESTONES_NOT_BILLED'],
    ]);
    expect(await refusals(billing, M.milestone, { engagementId: IDS.fixed, name: 'X', amount: '0', dueDate: '2026-01-01' })).toEqual([
      ['input.amount', 'INVALID_INPUT'],
    ]);
  });

  test('a completed engagement takes no new time and cannot be reopened', async () => {
    const made = await ok(billing, M.updateEngagement, { id: IDS.usd, status: 'COMPLETED' });
    expect(made.engagement.status).toBe('COMPLETED');
    expect(await refusals(billing, M.updateEngagement, { id: IDS.usd, status: 'ACTIVE' })).toEqual([['input.status', 'INVALID_TRANSITION']]);
    expect(await refusals(billing, M.log, { engagementId: IDS.usd, staffId: IDS.ada, date: '2026-12-07', minutes: 5 })).toEqual([
      ['input.engagementId', 'ENGAGEMENT_CLOSED'],
    ]);
  });
});

describe('across organisations', () => {
  test("globex cannot see, log on, submit or approve acme's engagements and time; its own list holds only its own", async () => {
    const entry = (await log({ minutes: 10, submit: true })).timeEntry;
    const read = await billing.query({
      org: 'globex',
      query: `query($e: ID!, $t: ID!) { engagement(id: $e) { id } timeEntry(id: $t) { id } }`,
      variables: { e: IDS.tm, t: entry.id },
    });
    expect(read.body.data).toEqual({ engagement: null, timeEntry: null });
    expect(await refusals(billing, M.log, { engagementId: IDS.tm, staffId: IDS.ada, date: '2026-12-07', minutes: 5 }, 'globex')).toEqual([
      ['input.engagementId', 'NOT_FOUND'],
    ]);
    expect(await refusals(billing, M.approve, { ids: [entry.id] }, 'globex')).toEqual([['input.ids.0', 'NOT_FOUND']]);
    expect(await refusals(billing, M.updateEngagement, { id: IDS.tm, name: 'Mine' }, 'globex')).toEqual([['input.id', 'NOT_FOUND']]);
    const lists = await billing.query({ org: 'globex', query: `{ engagements(first: 50) { edges { node { id } } } timeEntries(first: 50) { totalCount } }` });
    expect(lists.body.data).toEqual({ engagements: { edges: [{ node: { id: IDS.globexEngagement } }] }, timeEntries: { totalCount: 0 } });
  });
});
