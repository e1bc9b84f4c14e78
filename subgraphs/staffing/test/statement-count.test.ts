import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { staffingSubgraph } from '@flowledger/staffing';
import { countedQueries } from '@flowledger/shared';
import { startSubgraphUnderTest } from '@flowledger/shared/testkit';
import type { SubgraphUnderTest } from '@flowledger/shared/testkit';
import { ENGAGEMENT, M, ok, publishedCard } from './helpers.ts';

let staffing: SubgraphUnderTest;
beforeAll(async () => {
  staffing = await startSubgraphUnderTest(staffingSubgraph);
  const skill = (await ok(staffing, M.skill, { input: { name: 'Cloud' } })).createSkill.skill.id;
  for (let i = 0; i < 30; i++) {
    const card = await publishedCard(staffing, `Card ${String(i).padStart(2, '0')}`);
    const id = (await ok(staffing, M.staff, { input: { name: `Person ${String(i).padStart(2, '0')}`, email: `p${i}@acme.example`, role: 'CONSULTANT' } }))
      .createStaffMember.staffMember.id;
    await ok(staffing, M.skill, { input: { name: `Skill ${i}` } });
    await ok(staffing, M.setSkill, { input: { staffId: id, skillId: skill, level: 3 } });
    await ok(staffing, M.timeOff, { input: { staffId: id, startDate: '2026-12-24', endDate: '2026-12-24' } });
    await ok(staffing, M.assign, {
      input: { staffId: id, engagementId: ENGAGEMENT, rateCardId: card.id, allocationPercent: '20', startDate: '2026-12-01', endDate: '2026-12-31' },
    });
  }
});
afterAll(() => staffing?.close());

async function statements(query: string, first: number) {
  const before = countedQueries('staffing');
  const { body } = await staffing.query({ query, variables: { first } });
  expect(body.errors).toBeUndefined();
  return { statements: countedQueries('staffing') - before, data: body.data };
}

test('a page of staff with their skills, time off and assignments costs the same SQL for 5 and 30 people', async () => {
  const PAGE = `query($first: Int) { staffMembers(first: $first) { edges { node { name skills { skill { name } level } timeOff { startDate } assignments { role rateSnapshot { rateCard { name versions { version rates { role } } } } } } } } }`;
  const small = await statements(PAGE, 5);
  const large = await statements(PAGE, 30);
  expect(small.data.staffMembers.edges).toHaveLength(5);
  expect(large.data.staffMembers.edges).toHaveLength(30);
  expect(large.data.staffMembers.edges[29].node.assignments[0].rateSnapshot.rateCard.versions[0].rates).toEqual([
    { role: 'CONSULTANT' },
    { role: 'PRINCIPAL' },
  ]);
  expect(large.statements).toBe(small.statements);
  // begin and scope, page, skills, skill names, time off, assignments, cards, versions, rates, commit (no count: totalCount is not asked)
  expect(large.statements).toBeLessThanOrEqual(11);
});

test('assignments, skills and rate cards with their children cost the same SQL for 5 and 30 rows', async () => {
  const ASSIGNMENTS = `query($first: Int) { assignments(first: $first) { staffMember { name skills { level } } rateSnapshot { billRate rateCard { name } } } }`;
  const small = await statements(ASSIGNMENTS, 5);
  const large = await statements(ASSIGNMENTS, 30);
  expect(large.data.assignments).toHaveLength(30);
  expect(large.statements).toBe(small.statements);
});

test('30 rate cards with their versions, rates and the rate of a day, and every skill, cost a fixed few statements', async () => {
  const CARDS = `query { skills { name } rateCards { name versions { status rates { role billRate } } rate(role: "CONSULTANT", on: "2026-12-01") { billRate } } }`;
  const cards = await statements(CARDS, 0);
  expect(cards.data.rateCards).toHaveLength(30);
  expect(cards.data.rateCards[0].rate).toEqual({ billRate: '100.00' });
  expect(cards.data.skills).toHaveLength(31);
  // begin and scope, skills, cards, versions by card, rates by version, commit
  expect(cards.statements).toBeLessThanOrEqual(7);
});
