import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { staffingSubgraph } from '@flowledger/staffing';
import { startSubgraphUnderTest } from '@flowledger/shared/testkit';
import type { SubgraphUnderTest } from '@flowledger/shared/testkit';
import { ENGAGEMENT, M, ok, publishedCard } from './helpers.ts';

let staffing: SubgraphUnderTest;
const acme = { staffId: '', skillId: '', cardId: '', versionId: '', assignmentId: '' };
beforeAll(async () => {
  staffing = await startSubgraphUnderTest(staffingSubgraph, { workers: true });
  acme.staffId = (await ok(staffing, M.staff, { input: { name: 'Ada', email: 'ada@acme.example', role: 'CONSULTANT' } })).createStaffMember.staffMember.id;
  acme.skillId = (await ok(staffing, M.skill, { input: { name: 'Data engineering' } })).createSkill.skill.id;
  await ok(staffing, M.setSkill, { input: { staffId: acme.staffId, skillId: acme.skillId, level: 4 } });
  await ok(staffing, M.timeOff, { input: { staffId: acme.staffId, startDate: '2026-12-10', endDate: '2026-12-10' } });
  const card = await publishedCard(staffing, 'Standard');
  acme.cardId = card.id;
  acme.versionId = card.versionId;
  const assigned = await ok(staffing, M.assign, {
    input: { staffId: acme.staffId, engagementId: ENGAGEMENT, rateCardId: card.id, hoursPerWeek: '40', startDate: '2026-12-07', endDate: '2026-12-11' },
  });
  acme.assignmentId = assigned.assignStaff.assignment.id;
});
afterAll(() => staffing?.close());

const errorsOf = async (query: string, input: Record<string, unknown>) => {
  const { status, body } = await staffing.query({ query, variables: { input } });
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  return (Object.values(body.data)[0] as { userErrors: { field: string[]; code: string }[] }).userErrors.map((e) => [e.field.join('.'), e.code]);
};

describe('bad input gets a user error naming the field, never a 500', () => {
  test.each([
    ['capacity 0', M.staff, { name: 'X', email: 'x0@acme.example', role: 'CONSULTANT', weeklyCapacityHours: '0' }, 'input.weeklyCapacityHours'],
    ['capacity 200', M.staff, { name: 'X', email: 'x1@acme.example', role: 'CONSULTANT', weeklyCapacityHours: '200' }, 'input.weeklyCapacityHours'],
    ['a malformed email', M.staff, { name: 'X', email: 'not-an-email', role: 'CONSULTANT' }, 'input.email'],
    ['a role that is not a role', M.staff, { name: 'X', email: 'x2@acme.example', role: 'senior consultant!' }, 'input.role'],
    ['level 6', M.setSkill, () => ({ staffId: acme.staffId, skillId: acme.skillId, level: 6 }), 'input.level'],
    ['level 0', M.setSkill, () => ({ staffId: acme.staffId, skillId: acme.skillId, level: 0 }), 'input.level'],
    ['time off ending before it starts', M.timeOff, () => ({ staffId: acme.staffId, startDate: '2026-12-10', endDate: '2026-12-09' }), 'input.endDate'],
  ])('%s', async (_name, mutation, input, field) => {
    // Ids are read when the test runs (beforeAll made them).
    const value = typeof input === 'function' ? input() : input;
    expect(await errorsOf(mutation, value as Record<string, unknown>)).toEqual([[field, 'INVALID_INPUT']]);
  });

  test('an assignment: end before start, allocation over 100 %, hours over the week, an unknown role, both or neither target', async () => {
    const base = {
      staffId: acme.staffId,
      engagementId: ENGAGEMENT,
      rateCardId: acme.cardId,
      allocationPercent: '50',
      startDate: '2026-12-07',
      endDate: '2026-12-11',
    };
    expect(await errorsOf(M.assign, { ...base, endDate: '2026-12-01' })).toEqual([['input.endDate', 'INVALID_INPUT']]);
    expect(await errorsOf(M.assign, { ...base, allocationPercent: '100.5' })).toEqual([['input.allocationPercent', 'INVALID_INPUT']]);
    expect(await errorsOf(M.assign, { ...base, allocationPercent: null, hoursPerWeek: '41' })).toEqual([['input.hoursPerWeek', 'INVALID_INPUT']]);
    expect(await errorsOf(M.assign, { ...base, role: 'ASTRONAUT' })).toEqual([['input.role', 'UNKNOWN_ROLE']]);
    expect(await errorsOf(M.assign, { ...base, startDate: '2025-06-01' })).toEqual([['input.startDate', 'NO_RATE_IN_EFFECT']]);
    expect(await errorsOf(M.assign, { ...base, engagementId: null })).toEqual([['input.pursuitId', 'INVALID_INPUT']]);
    expect(await errorsOf(M.assign, { ...base, hoursPerWeek: '10' })).toEqual([['input.allocationPercent', 'INVALID_INPUT']]);
    expect(await errorsOf(M.update, { id: acme.assignmentId, endDate: '2026-12-01' })).toEqual([['input.endDate', 'INVALID_INPUT']]);
  });

  test('an unknown role and a repeated role on a rate card', async () => {
    const card = { name: 'Bad', currency: 'EUR', effectiveFrom: '2026-01-01' };
    expect(await errorsOf(M.card, { ...card, rates: [{ role: 'no spaces allowed', billRate: '1.00', costRate: '1.00' }] })).toEqual([
      ['input.rates.0.role', 'INVALID_INPUT'],
    ]);
    expect(
      await errorsOf(M.card, {
        ...card,
        rates: [
          { role: 'CONSULTANT', billRate: '1.00', costRate: '1.00' },
          { role: 'consultant', billRate: '2.00', costRate: '1.00' },
        ],
      }),
    ).toEqual([['input.rates.1.role', 'INVALID_INPUT']]);
    expect(await errorsOf(M.card, { ...card, currency: 'euro', rates: [] })).toEqual([['input.currency', 'INVALID_INPUT']]);
  });

  test('duplicates: an email, a skill name in another case, also when sent at the same moment', async () => {
    expect(await errorsOf(M.staff, { name: 'Ada again', email: 'ADA@acme.example', role: 'CONSULTANT' })).toEqual([['input.email', 'DUPLICATE_EMAIL']]);
    expect(await errorsOf(M.skill, { name: 'data ENGINEERING' })).toEqual([['input.name', 'DUPLICATE_NAME']]);
    const racing = await Promise.all(Array.from({ length: 6 }, () => errorsOf(M.skill, { name: 'Negotiation' })));
    expect(racing.filter((e) => e.length === 0)).toHaveLength(1);
    expect(racing.filter((e) => e.length === 1 && e[0]![1] === 'DUPLICATE_NAME')).toHaveLength(5);
  });

  test('windows too long or reversed and malformed ids are BAD_USER_INPUT at the top level, not 500', async () => {
    for (const query of [
      `{ utilization(from: "2026-01-01", to: "2027-06-01") { capacityHours } }`,
      `{ utilization(from: "2026-02-01", to: "2026-01-01") { capacityHours } }`,
      `{ skillMatch(input: { requirements: [], from: "2026-01-01", to: "2026-01-31" }) { score } }`,
      `{ skillMatch(input: { requirements: [{ skillId: "x", minLevel: 9 }], from: "2026-01-01", to: "2026-01-31" }) { score } }`,
    ]) {
      const { status, body } = await staffing.query({ query });
      expect({ query, status, code: body.errors?.[0]?.extensions?.code }).toEqual({ query, status: 200, code: 'BAD_USER_INPUT' });
    }
  });
});

describe("another organisation's staffing is invisible and untouchable", () => {
  test('every root field answers globex nothing of acme', async () => {
    const { body } = await staffing.query({
      org: 'globex',
      query: `query($staff: ID!, $skill: ID!, $card: ID!, $assignment: ID!) {
        staffMember(id: $staff) { id } skill(id: $skill) { id } rateCard(id: $card) { id } assignment(id: $assignment) { id }
        staffMembers { totalCount edges { node { id } } } skills { id } rateCards { id } assignments { id }
        utilization(from: "2026-12-07", to: "2026-12-13", staffIds: [$staff]) { capacityHours }
        everyone: utilization(from: "2026-12-07", to: "2026-12-13") { capacityHours }
        availability(staffId: $staff, from: "2026-12-07", to: "2026-12-13") { week }
        skillMatch(input: { requirements: [{ skillId: $skill, minLevel: 1 }], from: "2026-12-07", to: "2026-12-13" }) { score }
        staffOverAllocationEvents { edges { node { id } } }
      }`,
      variables: { staff: acme.staffId, skill: acme.skillId, card: acme.cardId, assignment: acme.assignmentId },
    });
    expect(body).toEqual({
      data: {
        staffMember: null,
        skill: null,
        rateCard: null,
        assignment: null,
        staffMembers: { totalCount: 0, edges: [] },
        skills: [],
        rateCards: [],
        assignments: [],
        utilization: [],
        everyone: [],
        availability: null,
        skillMatch: [],
        staffOverAllocationEvents: { edges: [] },
      },
    });
  });

  test('entity references and the over-allocation lookup of acme resolve to null for globex', async () => {
    const acmeEvents = await ok(staffing, `{ staffOverAllocationEvents { edges { node { id staffMember { id } weeks { week } } } } }`);
    const eventId = acmeEvents.staffOverAllocationEvents.edges[0]?.node.id;
    expect(acmeEvents.staffOverAllocationEvents.edges[0]?.node).toMatchObject({ staffMember: { id: acme.staffId }, weeks: [{ week: '2026-W50' }] });
    const representations = [
      { __typename: 'StaffMember', id: acme.staffId },
      { __typename: 'Skill', id: acme.skillId },
      { __typename: 'RateCard', id: acme.cardId },
      { __typename: 'Assignment', id: acme.assignmentId },
    ];
    const query = `query($r: [_Any!]!, $event: ID!) { _entities(representations: $r) { ... on StaffMember { id } ... on Skill { id } ... on RateCard { id } ... on Assignment { id } } staffOverAllocationEvent(id: $event) { id } }`;
    const mine = await staffing.query({ query, variables: { r: representations, event: eventId } });
    expect(mine.body.data._entities.map((e: { id: string } | null) => e?.id)).toEqual(representations.map((r) => r.id));
    const theirs = await staffing.query({ org: 'globex', query, variables: { r: representations, event: eventId } });
    expect(theirs.body.data).toEqual({ _entities: [null, null, null, null], staffOverAllocationEvent: null });
  });

  test("every mutation on acme's ids answers globex NOT_FOUND and changes nothing", async () => {
    const notFound = async (query: string, input: Record<string, unknown>, field: string) => {
      const { body } = await staffing.query({ org: 'globex', query, variables: { input } });
      expect(body.errors).toBeUndefined();
      expect((Object.values(body.data)[0] as { userErrors: { field: string[]; code: string }[] }).userErrors.map((e) => [e.field.join('.'), e.code])).toEqual([
        [field, 'NOT_FOUND'],
      ]);
    };
    await notFound(
      `mutation($input: UpdateStaffMemberInput!) { updateStaffMember(input: $input) { userErrors { field code } } }`,
      { id: acme.staffId, name: 'Stolen' },
      'input.id',
    );
    await notFound(M.setSkill, { staffId: acme.staffId, skillId: acme.skillId, level: 1 }, 'input.staffId');
    await notFound(M.timeOff, { staffId: acme.staffId, startDate: '2026-12-01', endDate: '2026-12-31' }, 'input.staffId');
    await notFound(M.newVersion, { rateCardId: acme.cardId, effectiveFrom: '2027-01-01' }, 'input.rateCardId');
    await notFound(M.editVersion, { versionId: acme.versionId, effectiveFrom: '2027-01-01' }, 'input.versionId');
    await notFound(M.publish, { versionId: acme.versionId }, 'input.versionId');
    await notFound(
      M.assign,
      { staffId: acme.staffId, engagementId: ENGAGEMENT, rateCardId: acme.cardId, allocationPercent: '10', startDate: '2026-12-01', endDate: '2026-12-02' },
      'input.staffId',
    );
    await notFound(M.update, { id: acme.assignmentId, endDate: '2026-12-31' }, 'input.id');
    await notFound(M.end, { id: acme.assignmentId }, 'input.id');
    const after = await ok(staffing, `query($id: ID!) { staffMember(id: $id) { name timeOff { id } assignments { status endDate } } }`, { id: acme.staffId });
    expect(after.staffMember).toEqual({ name: 'Ada', timeOff: [expect.anything()], assignments: [{ status: 'ACTIVE', endDate: '2026-12-11' }] });
  });

  test('a VIEWER changes nothing and a MEMBER may not manage rate cards (FORBIDDEN at the top level)', async () => {
    const viewer = await staffing.query({ role: 'VIEWER', query: M.skill, variables: { input: { name: 'Viewer skill' } } });
    expect(viewer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const member = await staffing.query({
      role: 'MEMBER',
      query: M.card,
      variables: { input: { name: 'Member card', currency: 'EUR', effectiveFrom: '2026-01-01', rates: [] } },
    });
    expect(member.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
