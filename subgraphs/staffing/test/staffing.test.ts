import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { staffingSubgraph } from '@flowledger/staffing';
import { startSubgraphUnderTest } from '@flowledger/shared/testkit';
import type { SubgraphUnderTest } from '@flowledger/shared/testkit';
import { EXPECTED, FIXTURE } from './fixtures.ts';
import { ENGAGEMENT, M, ok, publishedCard } from './helpers.ts';

let staffing: SubgraphUnderTest;
let card: { id: string; versionId: string };
beforeAll(async () => {
  staffing = await startSubgraphUnderTest(staffingSubgraph);
  card = await publishedCard(staffing, 'Standard');
});
afterAll(() => staffing?.close());

const newStaff = async (email: string, extra: Record<string, unknown> = {}) =>
  (await ok(staffing, M.staff, { input: { name: email.split('@')[0], email, role: 'CONSULTANT', ...extra } })).createStaffMember.staffMember.id as string;
const assign = (input: Record<string, unknown>) => ok(staffing, M.assign, { input: { rateCardId: card.id, engagementId: ENGAGEMENT, ...input } });

describe('rate cards', () => {
  test('changing a published version is refused; a new version leaves existing snapshots as they were', async () => {
    const staffId = await newStaff('snap@acme.example');
    const assigned = await assign({ staffId, allocationPercent: '50', startDate: '2026-11-02', endDate: '2026-11-27' });
    expect(assigned.assignStaff.assignment.rateSnapshot).toEqual({ billRate: '100.00', costRate: '50.00', rateCardVersion: 1, currency: 'EUR' });

    const { body: refused } = await staffing.query({
      query: M.editVersion,
      variables: { input: { versionId: card.versionId, rates: [{ role: 'CONSULTANT', billRate: '1.00', costRate: '1.00' }] } },
    });
    expect(refused.data.updateRateCardVersion).toEqual({
      version: null,
      userErrors: [
        { field: ['input', 'versionId'], message: 'version 1 is published and cannot change: create a new version', code: 'RATE_CARD_VERSION_PUBLISHED' },
      ],
    });

    // The change as a new version, effective before the assignment started: the snapshot stays.
    const v2 = await ok(staffing, M.newVersion, {
      input: {
        rateCardId: card.id,
        effectiveFrom: '2026-06-01',
        rates: [
          { role: 'CONSULTANT', billRate: '120.00', costRate: '60.00' },
          { role: 'PRINCIPAL', billRate: '200.00', costRate: '90.00' },
        ],
      },
    });
    expect(v2.createRateCardVersion.version).toMatchObject({ version: 2, status: 'DRAFT' });
    await ok(staffing, M.publish, { input: { versionId: v2.createRateCardVersion.version.id } });
    const { body } = await staffing.query({
      query: `query($id: ID!, $card: ID!) { assignment(id: $id) { rateSnapshot { billRate costRate rateCardVersion } } rateCard(id: $card) { rate(role: "consultant", on: "2026-11-02") { billRate version { version } } versions { version status rates { role billRate } } } }`,
      variables: { id: assigned.assignStaff.assignment.id, card: card.id },
    });
    expect(body.data.assignment.rateSnapshot).toEqual({ billRate: '100.00', costRate: '50.00', rateCardVersion: 1 });
    expect(body.data.rateCard.rate).toEqual({ billRate: '120.00', version: { version: 2 } });
    expect(body.data.rateCard.versions[1].rates).toEqual([
      { role: 'CONSULTANT', billRate: '100.00' },
      { role: 'PRINCIPAL', billRate: '200.00' },
    ]);
    // A new assignment after v2 takes v2's rate; updating the first moves its dates, not its rate.
    const later = await assign({ staffId, hoursPerWeek: '8', startDate: '2026-12-01', endDate: '2026-12-04' });
    expect(later.assignStaff.assignment.rateSnapshot).toMatchObject({ billRate: '120.00', rateCardVersion: 2 });
    const moved = await ok(staffing, M.update, { input: { id: assigned.assignStaff.assignment.id, endDate: '2026-12-18', hoursPerWeek: '10' } });
    expect(moved.updateAssignment.assignment).toMatchObject({
      endDate: '2026-12-18',
      allocationPercent: null,
      hoursPerWeek: '10.00',
      rateSnapshot: { billRate: '100.00', rateCardVersion: 1 },
    });
  });

  test('the database refuses a change to a published version or a snapshot even from hand-written SQL', async () => {
    const attempt = (sql: string) =>
      staffing.orm.em.fork().transactional(async (em) => {
        await em.execute(`select set_config('app.org_id', ?, true)`, [staffing.context().orgId]);
        await em.execute(sql);
      });
    await expect(attempt(`update staffing.role_rate set bill_rate = 1 where version_id = '${card.versionId}'`)).rejects.toThrow(/published/);
    await expect(attempt(`update staffing.assignment set bill_rate = 1`)).rejects.toThrow(/snapshot/);
  });

  test('publishing a second version on the same effective date is refused', async () => {
    const v = await ok(staffing, M.newVersion, { input: { rateCardId: card.id, effectiveFrom: '2026-01-01' } });
    const { body } = await staffing.query({ query: M.publish, variables: { input: { versionId: v.createRateCardVersion.version.id } } });
    expect(body.data.publishRateCardVersion.userErrors).toEqual([expect.objectContaining({ code: 'DUPLICATE_EFFECTIVE_DATE', field: ['input', 'versionId'] })]);
  });
});

describe('utilization', () => {
  test('equals the hand-computed figures for the fixture, through the API', async () => {
    const staffId = await newStaff('fixture@acme.example');
    for (const t of FIXTURE.timeOff) await ok(staffing, M.timeOff, { input: { staffId, ...t } });
    for (const a of FIXTURE.allocations)
      await assign({
        staffId,
        startDate: a.startDate,
        endDate: a.endDate,
        allocationPercent: a.allocationPercent,
        hoursPerWeek: a.hoursPerWeek,
      });
    const weeks = `week weekStart capacityHours allocatedHours billableHours utilization billableShare availableHours overAllocated`;
    const { body } = await staffing.query({
      query: `query($ids: [ID!], $id: ID!) { utilization(from: "2026-12-02", to: "2026-12-15", staffIds: $ids) { capacityHours allocatedHours billableHours utilization billableShare overAllocated weeks { ${weeks} } } availability(staffId: $id, from: "2026-12-02", to: "2026-12-15") { ${weeks} } }`,
      variables: { ids: [staffId], id: staffId },
    });
    expect(body.errors).toBeUndefined();
    // The fixture's non-billable work is bid work on a pursuit, which needs the workstream (e2e); here all three are on an engagement.
    const allBillable = {
      ...EXPECTED,
      billableHours: '58.00',
      billableShare: '0.8529',
      weeks: EXPECTED.weeks.map((w, i) => (i === 1 ? { ...w, billableHours: '36.00', billableShare: '1.1250' } : w)),
    };
    expect(body.data.utilization).toEqual([allBillable]);
    expect(body.data.availability).toEqual(allBillable.weeks);
  });
});

describe('skill match', () => {
  test('ranks people through the API with the explanation; busy people rank lower, an expired certification does not count', async () => {
    const skill = async (name: string) => (await ok(staffing, M.skill, { input: { name } })).createSkill.skill.id as string;
    const [sap, change] = [await skill('SAP'), await skill('Change')];
    const person = async (email: string, skills: [string, number, string | null][]) => {
      const id = await newStaff(email);
      for (const [skillId, level, certifiedUntil] of skills) await ok(staffing, M.setSkill, { input: { staffId: id, skillId, level, certifiedUntil } });
      return id;
    };
    const busy = await person('busy@acme.example', [
      [sap, 5, null],
      [change, 4, null],
    ]);
    await person('free@acme.example', [
      [sap, 5, null],
      [change, 4, null],
    ]);
    await person('lapsed@acme.example', [
      [sap, 5, '2027-01-31'],
      [change, 4, '2026-12-31'],
    ]);
    await assign({ staffId: busy, allocationPercent: '50', startDate: '2027-01-04', endDate: '2027-01-15' });
    const { body } = await staffing.query({
      query: `query($input: SkillMatchInput!) { skillMatch(input: $input) { staffMember { name } score explanation { coverage levelSurplus availability requirements { skill { name } minLevel level met } } } }`,
      variables: {
        input: {
          requirements: [
            { skillId: sap, minLevel: 3 },
            { skillId: change, minLevel: 4 },
          ],
          from: '2027-01-04',
          to: '2027-01-15',
        },
      },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data.skillMatch.map((m: { staffMember: { name: string }; score: string }) => [m.staffMember.name, m.score])).toEqual([
      ['free', '0.8875'], // 0.6 × 1 + 0.25 × 1 + 0.15 × ((2 + 0) / 2 / 4)
      ['busy', '0.7625'], // availability 0.5
      ['lapsed', '0.6250'], // Change lapsed on 2026-12-31: coverage 0.5, surplus 2 / 4
    ]);
    expect(body.data.skillMatch[2].explanation).toEqual({
      coverage: '0.5000',
      levelSurplus: '0.5000',
      availability: '1.0000',
      requirements: [
        { skill: { name: 'SAP' }, minLevel: 3, level: 5, met: true },
        { skill: { name: 'Change' }, minLevel: 4, level: null, met: false },
      ],
    });
  });
});
