import { mutationFrom } from '@flowledger/shared';
import type { MutationResolvers } from '../generated/resolvers-types.ts';
import { addMilestone } from '../use-cases/add-milestone.ts';
import { approveTime } from '../use-cases/approve-time.ts';
import { createEngagement } from '../use-cases/create-engagement.ts';
import { logTime } from '../use-cases/log-time.ts';
import { rejectTime } from '../use-cases/reject-time.ts';
import { submitTime } from '../use-cases/submit-time.ts';
import { updateEngagement } from '../use-cases/update-engagement.ts';
import { updateTimeEntry } from '../use-cases/update-time-entry.ts';
import type { Context } from '../context.ts';

/** Thin: every mutation is its use case, wired one way (mutationFrom). */
export const mutations: MutationResolvers<Context> = {
  createEngagement: mutationFrom(createEngagement),
  updateEngagement: mutationFrom(updateEngagement),
  addMilestone: mutationFrom(addMilestone),
  logTime: mutationFrom(logTime),
  updateTimeEntry: mutationFrom(updateTimeEntry),
  submitTime: mutationFrom(submitTime),
  approveTime: mutationFrom(approveTime),
  rejectTime: mutationFrom(rejectTime),
};
