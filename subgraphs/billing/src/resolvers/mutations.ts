import { mutationFrom } from '@flowledger/shared';
import type { MutationResolvers } from '../generated/resolvers-types.ts';
import { addMilestone } from '../use-cases/add-milestone.ts';
import { approveTime } from '../use-cases/approve-time.ts';
import { createEngagement } from '../use-cases/create-engagement.ts';
import { discardInvoice } from '../use-cases/discard-invoice.ts';
import { generateInvoice } from '../use-cases/generate-invoice.ts';
import { issueInvoice } from '../use-cases/issue-invoice.ts';
import { recordPayment } from '../use-cases/record-payment.ts';
import { setBillingSettings } from '../use-cases/set-billing-settings.ts';
import { setExchangeRate } from '../use-cases/set-exchange-rate.ts';
import { voidInvoice } from '../use-cases/void-invoice.ts';
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
  setBillingSettings: mutationFrom(setBillingSettings),
  setExchangeRate: mutationFrom(setExchangeRate),
  generateInvoice: mutationFrom(generateInvoice),
  issueInvoice: mutationFrom(issueInvoice),
  discardInvoice: mutationFrom(discardInvoice),
  recordPayment: mutationFrom(recordPayment),
  voidInvoice: mutationFrom(voidInvoice),
};
