import { expect } from '@jest/globals';
import type { SubgraphUnderTest, TestOrg } from '@flowledger/shared/testkit';

/** A mutation or query that must succeed: its data, after checking there are no errors and no userErrors. */
export async function ok(staffing: SubgraphUnderTest, query: string, variables: Record<string, unknown> = {}, org: TestOrg = 'acme') {
  const { body } = await staffing.query({ org, query, variables });
  expect(body.errors).toBeUndefined();
  const payload = Object.values(body.data ?? {})[0] as { userErrors?: unknown[] } | null;
  if (payload && Array.isArray(payload.userErrors)) expect(payload.userErrors).toEqual([]);
  return body.data;
}

export const M = {
  staff: `mutation($input: CreateStaffMemberInput!) { createStaffMember(input: $input) { staffMember { id name } userErrors { field message code } } }`,
  skill: `mutation($input: CreateSkillInput!) { createSkill(input: $input) { skill { id } userErrors { field message code } } }`,
  setSkill: `mutation($input: SetStaffSkillInput!) { setStaffSkill(input: $input) { staffMember { id } userErrors { field message code } } }`,
  timeOff: `mutation($input: AddTimeOffInput!) { addTimeOff(input: $input) { staffMember { id } userErrors { field message code } } }`,
  card: `mutation($input: CreateRateCardInput!) { createRateCard(input: $input) { rateCard { id } version { id } userErrors { field message code } } }`,
  newVersion: `mutation($input: CreateRateCardVersionInput!) { createRateCardVersion(input: $input) { version { id version status rates { role billRate } } userErrors { field message code } } }`,
  editVersion: `mutation($input: UpdateRateCardVersionInput!) { updateRateCardVersion(input: $input) { version { id rates { role billRate } } userErrors { field message code } } }`,
  publish: `mutation($input: PublishRateCardVersionInput!) { publishRateCardVersion(input: $input) { version { id status } userErrors { field message code } } }`,
  assign: `mutation($input: AssignStaffInput!) { assignStaff(input: $input) { assignment { id rateSnapshot { billRate costRate rateCardVersion currency } } userErrors { field message code } } }`,
  update: `mutation($input: UpdateAssignmentInput!) { updateAssignment(input: $input) { assignment { id startDate endDate allocationPercent hoursPerWeek rateSnapshot { billRate rateCardVersion } } userErrors { field message code } } }`,
  end: `mutation($input: EndAssignmentInput!) { endAssignment(input: $input) { assignment { id status endDate } userErrors { field message code } } }`,
};

/** A rate card with one published version (CONSULTANT 100/50, PRINCIPAL 200/90) effective from 2026-01-01. */
export async function publishedCard(staffing: SubgraphUnderTest, name: string, org: TestOrg = 'acme') {
  const card = await ok(
    staffing,
    M.card,
    {
      input: {
        name,
        currency: 'EUR',
        effectiveFrom: '2026-01-01',
        rates: [
          { role: 'CONSULTANT', billRate: '100.00', costRate: '50.00' },
          { role: 'PRINCIPAL', billRate: '200.00', costRate: '90.00' },
        ],
      },
    },
    org,
  );
  await ok(staffing, M.publish, { input: { versionId: card.createRateCard.version.id } }, org);
  return { id: card.createRateCard.rateCard.id as string, versionId: card.createRateCard.version.id as string };
}

export const ENGAGEMENT = '01938000-0000-7000-8000-0000000e0001';
