import { lockKeys, notFound, parseInput } from '@flowledger/shared';
import type { UseCaseOptions } from '@flowledger/shared';
import { Skill, StaffMember, StaffSkill } from '../entities/index.ts';
import { setStaffSkillSchema } from '../domain/inputs.ts';
import type { SetStaffSkillInput } from '../generated/resolvers-types.ts';
import type { StaffMemberResult } from './create-staff-member.ts';

/** Adds the skill at a level, or changes the level and dates of the one the person has. */
export async function setStaffSkill(options: UseCaseOptions<SetStaffSkillInput>): Promise<StaffMemberResult> {
  const parsed = parseInput(setStaffSkillSchema, options.input);
  if (!parsed.ok) return { staffMember: null, userErrors: parsed.userErrors };
  const input = parsed.data;
  const [staffMember, skill] = await Promise.all([options.em.findOne(StaffMember, { id: input.staffId }), options.em.findOne(Skill, { id: input.skillId })]);
  if (!staffMember) return { staffMember: null, userErrors: notFound(['input', 'staffId'], 'staff member', input.staffId) };
  if (!skill) return { staffMember: null, userErrors: notFound(['input', 'skillId'], 'skill', input.skillId) };
  await lockKeys(options.em, [`staffing:staff-skill:${options.org.orgId}:${input.staffId}:${input.skillId}`]);
  const held =
    (await options.em.findOne(StaffSkill, { staffId: input.staffId, skillId: input.skillId })) ??
    options.em.create(StaffSkill, { orgId: options.org.orgId, staffId: input.staffId, skillId: input.skillId, level: input.level });
  held.level = input.level;
  held.lastUsed = input.lastUsed ?? null;
  held.certifiedUntil = input.certifiedUntil ?? null;
  await options.em.flush();
  return { staffMember, userErrors: [] };
}
