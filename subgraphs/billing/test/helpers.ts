import { expect } from '@jest/globals';
import type { Role } from '@flowledger/shared';
import type { SubgraphUnderTest, TestOrg } from '@flowledger/shared/testkit';

const ENTRY = 'id status hours minutes role billRate { amount currency } amount { amount currency } rejectionReason';

export const M = {
  log: `mutation($input: LogTimeInput!) { logTime(input: $input) { timeEntry { ${ENTRY} } userErrors { field message code } } }`,
  update: `mutation($input: UpdateTimeEntryInput!) { updateTimeEntry(input: $input) { timeEntry { ${ENTRY} } userErrors { field message code } } }`,
  submit: `mutation($input: SubmitTimeInput!) { submitTime(input: $input) { timeEntries { ${ENTRY} } userErrors { field message code } } }`,
  approve: `mutation($input: ApproveTimeInput!) { approveTime(input: $input) { timeEntries { ${ENTRY} } userErrors { field message code } } }`,
  reject: `mutation($input: RejectTimeInput!) { rejectTime(input: $input) { timeEntries { ${ENTRY} } userErrors { field message code } } }`,
  milestone: `mutation($input: AddMilestoneInput!) { addMilestone(input: $input) { milestone { id name amount { amount currency } dueDate status } userErrors { field message code } } }`,
  updateEngagement: `mutation($input: UpdateEngagementInput!) { updateEngagement(input: $input) { engagement { id status name } userErrors { field message code } } }`,
};

/** The payload of a one-field operation, with top-level errors failing the test. */
export async function payload(billing: SubgraphUnderTest, query: string, input: Record<string, unknown>, org: TestOrg = 'acme', role: Role = 'ADMIN') {
  const { status, body } = await billing.query({ org, role, query, variables: { input } });
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  return Object.values(body.data)[0] as any;
}

/** A payload that must have no userErrors. */
export async function ok(billing: SubgraphUnderTest, query: string, input: Record<string, unknown>, org: TestOrg = 'acme') {
  const result = await payload(billing, query, input, org);
  expect(result.userErrors).toEqual([]);
  return result;
}

/** The refusals as [field, code] pairs. */
export async function refusals(billing: SubgraphUnderTest, query: string, input: Record<string, unknown>, org: TestOrg = 'acme') {
  const result = await payload(billing, query, input, org);
  return (result.userErrors as { field: string[]; code: string }[]).map((e) => [e.field.join('.'), e.code]);
}
