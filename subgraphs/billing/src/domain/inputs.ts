import Big from 'big.js';
import { z } from 'zod';
import { isDecimal } from '@flowledger/shared';
import { minutesFromHours } from './money-rules.ts';
import { BILLING_MODELS, ENGAGEMENT_STATUSES } from './engagement-rules.ts';

/** zod at the edge for every billing mutation and query argument; messages name the rule. */
const id = z.uuid('is not a valid id');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
export const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day such as 2026-12-02')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'is not a calendar day');
export const currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR');
/** An amount of money a client may send: above 0, at most 2 decimals, within numeric(16, 2). */
export const amount = z
  .string()
  .refine((v) => isDecimal(v) && /^\d{1,14}(\.\d{1,2})?$/.test(v) && new Big(v).gt(0), 'must be more than 0, at most 2 decimals')
  .transform((v) => new Big(v).toFixed(2));
const hours = z
  .string()
  .refine((v) => isDecimal(v) && new Big(v).gt(0) && new Big(v).lte(24), 'must be more than 0 and at most 24 hours')
  .refine((v) => minutesFromHours(v) !== null, 'must be a whole number of minutes (0.25, 1.5); send minutes for 20 minutes');
const minutes = z.number().int('must be whole minutes').min(1, 'must be at least 1').max(1440, 'must be at most 1440 (a day)');
const ids = z
  .array(id)
  .min(1, 'must name at least one entry')
  .max(500, 'must be at most 500 entries')
  .transform((list) => [...new Set(list)]);

export const createEngagementSchema = z.object({
  clientId: id,
  pursuitId: id.nullish(),
  name: text(200),
  currency,
  billingModel: z.enum(BILLING_MODELS),
  budget: amount.nullish(),
});

export const updateEngagementSchema = z.object({
  id,
  name: text(200).nullish(),
  budget: amount.nullish(),
  status: z.enum(ENGAGEMENT_STATUSES).nullish(),
});

export const addMilestoneSchema = z.object({ engagementId: id, name: text(200), amount, dueDate: day });

/** Exactly one of hours or minutes, as minutes. */
const duration = <T extends { hours?: string | null; minutes?: number | null }>(value: T, ctx: z.RefinementCtx, required: boolean) => {
  const given = (value.hours != null ? 1 : 0) + (value.minutes != null ? 1 : 0);
  if (given > 1) ctx.addIssue({ code: 'custom', path: ['minutes'], message: 'give hours or minutes, not both' });
  if (required && given === 0) ctx.addIssue({ code: 'custom', path: ['hours'], message: 'give hours or minutes' });
};
const minutesOf = (value: { hours?: string | null; minutes?: number | null }) => value.minutes ?? (value.hours != null ? minutesFromHours(value.hours)! : null);

export const logTimeSchema = z
  .object({
    engagementId: id,
    staffId: id,
    date: day,
    hours: hours.nullish(),
    minutes: minutes.nullish(),
    billable: z.boolean().nullish(),
    note: text(2000).nullish(),
    submit: z.boolean().nullish(),
  })
  .superRefine((v, ctx) => duration(v, ctx, true))
  .transform((v) => ({ ...v, minutes: minutesOf(v)! }));

export const updateTimeEntrySchema = z
  .object({
    id,
    date: day.nullish(),
    hours: hours.nullish(),
    minutes: minutes.nullish(),
    billable: z.boolean().nullish(),
    note: text(2000).nullish(),
  })
  .superRefine((v, ctx) => duration(v, ctx, false))
  .transform((v) => ({ ...v, minutes: minutesOf(v) }));

export const timeEntryIdsSchema = z.object({ ids });
export const rejectTimeSchema = z.object({ ids, reason: text(500) });

const percent = z
  .string()
  .refine((v) => isDecimal(v) && /^\d{1,2}(\.\d{1,4})?$/.test(v), 'must be a percent from 0 to under 100, at most 4 decimals')
  .transform((v) => new Big(v).toFixed(4));

export const setBillingSettingsSchema = z.object({
  baseCurrency: currency.nullish(),
  taxRate: percent.nullish(),
  taxInclusive: z.boolean().nullish(),
  paymentTermsDays: z.number().int('must be whole days').min(0, 'must be 0 or more').max(365, 'must be at most 365').nullish(),
  legalName: text(200).nullish(),
});

export const setExchangeRateSchema = z.object({
  currency,
  date: day,
  rate: z
    .string()
    .refine((v) => /^\d{1,10}(\.\d{1,8})?$/.test(v) && new Big(v).gt(0), 'must be more than 0, at most 8 decimals')
    .transform((v) => new Big(v).toFixed(8)),
});

export const generateInvoiceSchema = z.object({ engagementId: id, periodEnd: day });
export const invoiceIdSchema = z.object({ id });
export const issueInvoiceSchema = z.object({ id, issueDate: day.nullish() });
export const recordPaymentSchema = z.object({ invoiceId: id, amount, paidOn: day.nullish(), reference: text(200).nullish() });
export const voidInvoiceSchema = z.object({ id, reason: text(500) });
