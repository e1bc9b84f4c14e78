import { expect } from '@jest/globals';
import type { Role } from '@flowledger/shared';
import type { SubgraphUnderTest, TestOrg } from '@flowledger/shared/testkit';
import type { EngagementPayload, MilestonePayload, TimeEntriesPayload, TimeEntryPayload } from '../src/generated/resolvers-types.ts';

/** Any of the payloads these tests ask for, as the generated types describe them. */
type AnyPayload = Partial<Omit<EngagementPayload & MilestonePayload & TimeEntryPayload & TimeEntriesPayload, 'userErrors'>> &
  Pick<TimeEntryPayload, 'userErrors'>;
/** A payload that succeeded: what was asked for is there. */
type Succeeded = { [K in keyof AnyPayload]-?: NonNullable<AnyPayload[K]> };

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
export async function payload(
  billing: SubgraphUnderTest,
  query: string,
  input: Record<string, unknown>,
  org: TestOrg = 'acme',
  role: Role = 'ADMIN',
): Promise<AnyPayload> {
  const { status, body } = await billing.query({ org, role, query, variables: { input } });
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  const [result] = Object.values(body.data as Record<string, AnyPayload>);
  return result!;
}

/** A payload that must have no userErrors. */
export async function ok(billing: SubgraphUnderTest, query: string, input: Record<string, unknown>, org: TestOrg = 'acme'): Promise<Succeeded> {
  const result = await payload(billing, query, input, org);
  expect(result.userErrors).toEqual([]);
  return result as Succeeded;
}

/** The refusals as [field, code] pairs. */
export async function refusals(billing: SubgraphUnderTest, query: string, input: Record<string, unknown>, org: TestOrg = 'acme') {
  const result = await payload(billing, query, input, org);
  return result.userErrors.map((e) => [(e.field ?? []).join('.'), e.code]);
}
