import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startFullGraph } from '@flowledger/devtools/testing';
import type { FullGraph } from '@flowledger/devtools/testing';
import { countedQueries } from '@flowledger/shared';
import { subscribe, untilSubscribed } from '../gateway/test/subscription-client.ts';
import { EXPECTED, FIXTURE } from '../subgraphs/staffing/test/fixtures.ts';
import { gql, mutate, newPursuit, refuse } from './workstream-helpers.ts';

let graph: FullGraph;
let cardId: string;
const pursuits: string[] = [];
const staff: string[] = [];

beforeAll(async () => {
  graph = await startFullGraph();
  const card = await mutate(
    graph,
    'createRateCard',
    { name: 'Standard', currency: 'EUR', effectiveFrom: '2026-01-01', rates: [{ role: 'CONSULTANT', billRate: '100.00', costRate: '50.00' }] },
    'rateCard { id } version { id }',
  );
  await mutate(graph, 'publishRateCardVersion', { versionId: card.version.id }, 'version { id }');
  cardId = card.rateCard.id;
  const skill = await mutate(graph, 'createSkill', { name: 'Cloud architecture' }, 'skill { id }');
  for (let i = 0; i < 12; i++) {
    const member = await mutate(
      graph,
      'createStaffMember',
      { name: `Person ${String(i).padStart(2, '0')}`, email: `p${i}@acme.example`, role: 'CONSULTANT' },
      'staffMember { id }',
    );
    staff.push(member.staffMember.id);
    await mutate(graph, 'setStaffSkill', { staffId: member.staffMember.id, skillId: skill.skill.id, level: 1 + (i % 5) }, 'staffMember { id }');
  }
});
afterAll(() => graph?.close());

describe('Pursuit.team', () => {
  test('pursuits(first: N) with their teams, people and skills cost the same SQL for 3 and 12 pursuits', async () => {
    for (let i = 0; i < 12; i++) {
      const { pursuitId } = await newPursuit(graph, { name: `Bid ${String(i).padStart(2, '0')}` });
      pursuits.push(pursuitId);
      for (const person of [staff[i]!, staff[(i + 1) % staff.length]!])
        await mutate(
          graph,
          'assignStaff',
          { staffId: person, pursuitId, rateCardId: cardId, allocationPercent: '10', startDate: '2026-12-07', endDate: '2026-12-11' },
          'assignment { id }',
        );
    }
    const PAGE =
      'query($first: Int) { pursuits(first: $first) { edges { node { name team { role staffMember { name skills { skill { name } level } } pursuit { name } } } } } }';
    const measure = async (first: number) => {
      const before = countedQueries('staffing') + countedQueries('workstream');
      const data = await gql(graph, PAGE, { first });
      expect(data.pursuits.edges).toHaveLength(first);
      for (const edge of data.pursuits.edges) {
        expect(edge.node.team).toHaveLength(2);
        expect(edge.node.team[0].staffMember.skills[0].skill.name).toBe('Cloud architecture');
        expect(edge.node.team[0].pursuit.name).toBe(edge.node.name);
      }
      return countedQueries('staffing') + countedQueries('workstream') - before;
    };
    const small = await measure(3);
    const large = await measure(12);
    expect(large).toBe(small);
    // Three subgraph requests whatever N: workstream's page; staffing's teams (team by pursuit, people,
    // skills by person, skills by id); workstream's names of the team's pursuits — each with its begin and commit.
    expect(large).toBeLessThanOrEqual(15);
  });

  test("another organisation's pursuit cannot get a team, and its view of acme's pursuits shows none", async () => {
    const globexStaff = await mutate(
      graph,
      'createStaffMember',
      { name: 'Gus', email: 'gus@globex.example', role: 'CONSULTANT' },
      'staffMember { id }',
      'globex',
    );
    const globexCard = await mutate(
      graph,
      'createRateCard',
      { name: 'Globex', currency: 'USD', effectiveFrom: '2026-01-01', rates: [{ role: 'CONSULTANT', billRate: '90.00', costRate: '40.00' }] },
      'rateCard { id } version { id }',
      'globex',
    );
    await mutate(graph, 'publishRateCardVersion', { versionId: globexCard.version.id }, 'version { id }', 'globex');
    const errors = await refuse(
      graph,
      'assignStaff',
      {
        staffId: globexStaff.staffMember.id,
        pursuitId: pursuits[0],
        rateCardId: globexCard.rateCard.id,
        allocationPercent: '10',
        startDate: '2026-12-07',
        endDate: '2026-12-11',
      },
      'globex',
    );
    expect(errors).toEqual([{ field: ['input', 'pursuitId'], message: `no pursuit with id ${pursuits[0]}`, code: 'NOT_FOUND' }]);
    // acme's own staff id with globex's token: not found either.
    expect(
      await refuse(
        graph,
        'assignStaff',
        { staffId: staff[0], pursuitId: pursuits[0], rateCardId: cardId, allocationPercent: '10', startDate: '2026-12-07', endDate: '2026-12-11' },
        'globex',
      ),
    ).toEqual([expect.objectContaining({ field: ['input', 'staffId'], code: 'NOT_FOUND' })]);
    const seen = await gql(graph, `query($id: ID!) { pursuit(id: $id) { id } staffMember(id: "${staff[0]}") { id } }`, { id: pursuits[0] }, 'globex');
    expect(seen).toEqual({ pursuit: null, staffMember: null });
  });
});

describe('utilization with bid and delivery work', () => {
  test('equals the hand-computed figures: bid work on a pursuit is not billable', async () => {
    const person = await mutate(graph, 'createStaffMember', { name: 'Fixture', email: 'fixture@acme.example', role: 'CONSULTANT' }, 'staffMember { id }');
    const staffId = person.staffMember.id;
    for (const t of FIXTURE.timeOff) await mutate(graph, 'addTimeOff', { staffId, ...t }, 'staffMember { id }');
    for (const a of FIXTURE.allocations)
      await mutate(
        graph,
        'assignStaff',
        {
          staffId,
          rateCardId: cardId,
          startDate: a.startDate,
          endDate: a.endDate,
          allocationPercent: a.allocationPercent,
          hoursPerWeek: a.hoursPerWeek,
          ...(a.billable ? { engagementId: '01938000-0000-7000-8000-0000000e0001' } : { pursuitId: pursuits[1] }),
        },
        'assignment { id }',
      );
    const data = await gql(
      graph,
      `query($ids: [ID!]) { utilization(from: "2026-12-02", to: "2026-12-15", staffIds: $ids) { capacityHours allocatedHours billableHours utilization billableShare overAllocated weeks { week weekStart capacityHours allocatedHours billableHours utilization billableShare availableHours overAllocated } } }`,
      { ids: [staffId] },
    );
    expect(data.utilization).toEqual([EXPECTED]);
  });
});

describe('staffOverAllocated', () => {
  test('a dashboard hears of a new over-allocation live, and another organisation hears nothing', async () => {
    const query = 'subscription { staffOverAllocated { staffMember { name } weeks { week capacityHours allocatedHours } } }';
    const acme = subscribe({ url: graph.gatewayUrl, token: await graph.token('acme'), query });
    const globex = subscribe({ url: graph.gatewayUrl, token: await graph.token('globex'), query });
    await untilSubscribed(graph.gateway!.hub!, 2);
    try {
      await mutate(
        graph,
        'assignStaff',
        { staffId: staff[5], pursuitId: pursuits[2], rateCardId: cardId, hoursPerWeek: '40', startDate: '2027-01-04', endDate: '2027-01-08' },
        'assignment { id }',
      );
      // Not over yet: 40 of 40. A second assignment the same week is.
      await mutate(
        graph,
        'assignStaff',
        { staffId: staff[5], pursuitId: pursuits[3], rateCardId: cardId, hoursPerWeek: '8', startDate: '2027-01-04', endDate: '2027-01-08' },
        'assignment { id }',
      );
      const event = await acme.next(5000);
      expect(event.data).toEqual({
        staffOverAllocated: { staffMember: { name: 'Person 05' }, weeks: [{ week: '2027-W01', capacityHours: '40.00', allocatedHours: '48.00' }] },
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(globex.received).toEqual([]);
      expect(acme.received).toHaveLength(1);
    } finally {
      await acme.dispose();
      await globex.dispose();
    }
  });
});
