import { Assignment } from './assignment.ts';
import { RateCard, RateCardVersion, RoleRate } from './rate-card.ts';
import { Skill, StaffSkill } from './skill.ts';
import { StaffMember, TimeOff } from './staff-member.ts';

export { Assignment, RateCard, RateCardVersion, RoleRate, Skill, StaffMember, StaffSkill, TimeOff };
export type { AssignmentRow } from './assignment.ts';
export type { RateCardRow, RateCardVersionRow, RoleRateRow } from './rate-card.ts';
export type { SkillRow, StaffSkillRow } from './skill.ts';
export type { StaffMemberRow, TimeOffRow } from './staff-member.ts';

export const entities = [StaffMember, TimeOff, Skill, StaffSkill, RateCard, RateCardVersion, RoleRate, Assignment];
