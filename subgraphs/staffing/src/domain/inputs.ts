import Big from 'big.js';
import { z } from 'zod';
import { isDecimal } from '@flowledger/shared';
import { daysBetween, WEEKDAYS } from './calendar.ts';

/** zod at the edge for every staffing mutation and query argument; messages name the rule. */
const id = z.uuid('is not a valid id');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day such as 2026-12-02');
export const role = z
  .string()
  .trim()
  .transform((r) => r.toUpperCase())
  .pipe(z.string().regex(/^[A-Z][A-Z0-9_]{0,49}$/, 'must be letters, digits and _ (at most 50), starting with a letter'));

/** As the numeric(…, 2) columns store it, so a mutation answers what a later read will. */
const twoDecimals = (v: string) => new Big(v).toFixed(2);

/** A decimal in (min, max]: strictly above `above`, at most `max`. */
const decimalIn = (above: string, max: string, what: string) =>
  z
    .string()
    .refine((v) => isDecimal(v) && new Big(v).gt(above) && new Big(v).lte(max), `must be ${what}`)
    .transform(twoDecimals);
const capacity = decimalIn('0', '168', 'more than 0 and at most 168 hours');
const rate = z
  .string()
  .refine((v) => isDecimal(v) && new Big(v).gte(0) && /^\d{1,10}(\.\d{1,2})?$/.test(v), 'must be 0 or more, at most 2 decimals')
  .transform(twoDecimals);
const workingDays = z
  .array(z.enum(WEEKDAYS))
  .min(1, 'must name at least one day')
  .refine((days) => new Set(days).size === days.length, 'must not repeat a day');

export const createStaffMemberSchema = z.object({
  name: text(200),
  email: z.string().trim().toLowerCase().max(254, 'must be at most 254 characters').pipe(z.email('is not a valid email')),
  title: text(200).nullish(),
  role,
  weeklyCapacityHours: capacity.nullish(),
  workingDays: workingDays.nullish(),
  userId: id.nullish(),
});

export const updateStaffMemberSchema = z.object({
  id,
  name: text(200).nullish(),
  title: text(200).nullish(),
  role: role.nullish(),
  weeklyCapacityHours: capacity.nullish(),
  workingDays: workingDays.nullish(),
  active: z.boolean().nullish(),
});

export const createSkillSchema = z.object({ name: text(100), category: text(100).nullish() });

export const setStaffSkillSchema = z.object({
  staffId: id,
  skillId: id,
  level: z.number().int().min(1, 'must be 1 to 5').max(5, 'must be 1 to 5'),
  lastUsed: day.nullish(),
  certifiedUntil: day.nullish(),
});

/** from ≤ to, reported on the later field. */
const ordered = <T extends Record<string, unknown>>(schema: z.ZodType<T>, fromKey: keyof T & string, toKey: keyof T & string) =>
  schema.superRefine((value, ctx) => {
    const from = value[fromKey] as string | null | undefined;
    const to = value[toKey] as string | null | undefined;
    if (from && to && to < from) ctx.addIssue({ code: 'custom', path: [toKey], message: `must not be before ${fromKey}` });
  });

export const addTimeOffSchema = ordered(
  z.object({
    staffId: id,
    startDate: day,
    endDate: day,
    hoursPerDay: decimalIn('0', '24', 'more than 0 and at most 24').nullish(),
    reason: text(200).nullish(),
  }),
  'startDate',
  'endDate',
);

export const roleRatesSchema = z
  .array(z.object({ role, billRate: rate, costRate: rate }))
  .max(100, 'must have at most 100 roles')
  .superRefine((rates, ctx) => {
    const seen = new Set<string>();
    rates.forEach((r, i) => {
      if (seen.has(r.role)) ctx.addIssue({ code: 'custom', path: [i, 'role'], message: `names ${r.role} twice` });
      seen.add(r.role);
    });
  });

export const createRateCardSchema = z.object({
  name: text(100),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
  effectiveFrom: day,
  rates: roleRatesSchema,
});
export const createRateCardVersionSchema = z.object({ rateCardId: id, effectiveFrom: day, rates: roleRatesSchema.nullish() });
export const updateRateCardVersionSchema = z.object({ versionId: id, effectiveFrom: day.nullish(), rates: roleRatesSchema.nullish() });
export const publishRateCardVersionSchema = z.object({ versionId: id });

const percent = decimalIn('0', '100', 'more than 0 and at most 100 (percent of capacity)');
const weeklyHours = decimalIn('0', '168', 'more than 0 and at most 168');

export const assignStaffSchema = ordered(
  z.object({
    staffId: id,
    pursuitId: id.nullish(),
    engagementId: id.nullish(),
    rateCardId: id,
    role: role.nullish(),
    allocationPercent: percent.nullish(),
    hoursPerWeek: weeklyHours.nullish(),
    startDate: day,
    endDate: day,
  }),
  'startDate',
  'endDate',
).superRefine((value, ctx) => {
  if (Boolean(value.pursuitId) === Boolean(value.engagementId))
    ctx.addIssue({ code: 'custom', path: ['pursuitId'], message: 'give exactly one of pursuitId and engagementId' });
  if (Boolean(value.allocationPercent) === Boolean(value.hoursPerWeek))
    ctx.addIssue({ code: 'custom', path: ['allocationPercent'], message: 'give exactly one of allocationPercent and hoursPerWeek' });
});

export const updateAssignmentSchema = z
  .object({
    id,
    startDate: day.nullish(),
    endDate: day.nullish(),
    allocationPercent: percent.nullish(),
    hoursPerWeek: weeklyHours.nullish(),
  })
  .superRefine((value, ctx) => {
    if (value.allocationPercent && value.hoursPerWeek)
      ctx.addIssue({ code: 'custom', path: ['allocationPercent'], message: 'give at most one of allocationPercent and hoursPerWeek' });
  });

export const endAssignmentSchema = z.object({ id, endDate: day.nullish() });

const withinAYear = (w: { from: string; to: string }) => daysBetween(w.from, w.to) <= 366;
const WITHIN_A_YEAR = { path: ['to'], message: 'must be at most 366 days after from' };

/** A utilization window: ordered, at most 366 days, at most 1,000 named people. */
export const windowSchema = ordered(
  z.object({ from: day, to: day, staffIds: z.array(id).max(1000, 'must name at most 1000 people').nullish() }),
  'from',
  'to',
).refine(withinAYear, WITHIN_A_YEAR);

export const skillMatchSchema = ordered(
  z.object({
    requirements: z
      .array(z.object({ skillId: id, minLevel: z.number().int().min(1, 'must be 1 to 5').max(5, 'must be 1 to 5') }))
      .min(1, 'must have at least one requirement')
      .max(20, 'must have at most 20 requirements'),
    from: day,
    to: day,
    minAvailability: z
      .string()
      .refine((v) => isDecimal(v) && new Big(v).gte(0) && new Big(v).lte(1), 'must be 0 to 1')
      .nullish(),
    first: z.number().int().min(1, 'must be 1 or more').max(100, 'must be at most 100').nullish(),
  }),
  'from',
  'to',
).refine(withinAYear, WITHIN_A_YEAR);
