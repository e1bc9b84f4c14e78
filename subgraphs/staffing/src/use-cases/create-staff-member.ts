import { checkForeignReferences, lockKeys, onUniqueViolation, parseInput } from '@flowledger/shared';
import type { UseCaseOptions, UserError } from '@flowledger/shared';
import { StaffMember } from '../entities/index.ts';
import type { StaffMemberRow } from '../entities/index.ts';
import { DEFAULT_WORKING_DAYS } from '../domain/calendar.ts';
import { createStaffMemberSchema } from '../domain/inputs.ts';
import { userError } from '../errors.ts';
import type { CreateStaffMemberInput } from '../generated/resolvers-types.ts';

export interface StaffMemberResult {
  staffMember: StaffMemberRow | null;
  userErrors: UserError[];
}

/** A new active staff member; an email another person of the organisation has is DUPLICATE_EMAIL, also under a race. */
export async function createStaffMember(options: UseCaseOptions<CreateStaffMemberInput>): Promise<StaffMemberResult> {
  const orgId = options.org.orgId;
  const parsed = parseInput(createStaffMemberSchema, options.input);
  if (!parsed.ok) return { staffMember: null, userErrors: parsed.userErrors };
  const input = parsed.data;
  const duplicate = (): StaffMemberResult => ({
    staffMember: null,
    userErrors: [userError(['input', 'email'], `a staff member with email ${input.email} already exists`, 'DUPLICATE_EMAIL')],
  });
  if (input.userId) {
    const missing = await checkForeignReferences(options.references, [{ field: ['input', 'userId'], subgraph: 'access', typename: 'User', id: input.userId }]);
    if (missing.length) return { staffMember: null, userErrors: missing };
  }
  await lockKeys(options.em, [emailKey(orgId, input.email)]);
  if (await options.em.count(StaffMember, { email: input.email })) return duplicate();
  return onUniqueViolation(options.em, { staff_member_org_email_uq: duplicate }, async (em) => {
    const staffMember = em.create(StaffMember, {
      orgId,
      name: input.name,
      email: input.email,
      title: input.title ?? null,
      role: input.role,
      weeklyCapacityHours: input.weeklyCapacityHours ?? '40.00',
      workingDays: [...(input.workingDays ?? DEFAULT_WORKING_DAYS)],
      userId: input.userId ?? null,
    });
    await em.flush();
    return { staffMember, userErrors: [] };
  });
}

export const emailKey = (orgId: string, email: string) => `staffing:email:${orgId}:${email}`;
