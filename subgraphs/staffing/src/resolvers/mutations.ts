import { mutationFrom } from '@flowledger/shared';
import type { MutationResolvers } from '../generated/resolvers-types.ts';
import { addTimeOff } from '../use-cases/add-time-off.ts';
import { assignStaff } from '../use-cases/assign-staff.ts';
import { createRateCard } from '../use-cases/create-rate-card.ts';
import { createRateCardVersion } from '../use-cases/create-rate-card-version.ts';
import { createSkill } from '../use-cases/create-skill.ts';
import { createStaffMember } from '../use-cases/create-staff-member.ts';
import { endAssignment } from '../use-cases/end-assignment.ts';
import { publishRateCardVersion } from '../use-cases/publish-rate-card-version.ts';
import { setStaffSkill } from '../use-cases/set-staff-skill.ts';
import { updateAssignment } from '../use-cases/update-assignment.ts';
import { updateRateCardVersion } from '../use-cases/update-rate-card-version.ts';
import { updateStaffMember } from '../use-cases/update-staff-member.ts';
import type { Context } from '../context.ts';

/** Thin: every mutation is its use case, wired one way (mutationFrom). */
export const mutations: MutationResolvers<Context> = {
  createStaffMember: mutationFrom(createStaffMember),
  updateStaffMember: mutationFrom(updateStaffMember),
  createSkill: mutationFrom(createSkill),
  setStaffSkill: mutationFrom(setStaffSkill),
  addTimeOff: mutationFrom(addTimeOff),
  createRateCard: mutationFrom(createRateCard),
  createRateCardVersion: mutationFrom(createRateCardVersion),
  updateRateCardVersion: mutationFrom(updateRateCardVersion),
  publishRateCardVersion: mutationFrom(publishRateCardVersion),
  assignStaff: mutationFrom(assignStaff),
  updateAssignment: mutationFrom(updateAssignment),
  endAssignment: mutationFrom(endAssignment),
};
