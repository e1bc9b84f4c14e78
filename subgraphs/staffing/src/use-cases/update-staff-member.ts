import { notFound, parseInput } from '@flowledger/shared';
import type { UseCaseOptions } from '@flowledger/shared';
import { StaffMember } from '../entities/index.ts';
import { updateStaffMemberSchema } from '../domain/inputs.ts';
import type { UpdateStaffMemberInput } from '../generated/resolvers-types.ts';
import type { StaffMemberResult } from './create-staff-member.ts';

/** Given fields change, absent ones stay. Capacity changes count from now on in every figure (they are not dated). */
export async function updateStaffMember(options: UseCaseOptions<UpdateStaffMemberInput>): Promise<StaffMemberResult> {
  const parsed = parseInput(updateStaffMemberSchema, options.input);
  if (!parsed.ok) return { staffMember: null, userErrors: parsed.userErrors };
  const { id, ...changes } = parsed.data;
  const staffMember = await options.em.findOne(StaffMember, { id });
  if (!staffMember) return { staffMember: null, userErrors: notFound(['input', 'id'], 'staff member', id) };
  if (changes.name) staffMember.name = changes.name;
  if (changes.title !== undefined) staffMember.title = changes.title ?? null;
  if (changes.role) staffMember.role = changes.role;
  if (changes.weeklyCapacityHours) staffMember.weeklyCapacityHours = changes.weeklyCapacityHours;
  if (changes.workingDays) staffMember.workingDays = [...changes.workingDays];
  if (typeof changes.active === 'boolean') staffMember.active = changes.active;
  await options.em.flush();
  return { staffMember, userErrors: [] };
}
