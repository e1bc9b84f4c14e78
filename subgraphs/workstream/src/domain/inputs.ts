import { z } from 'zod';
import { CANDIDATE_STATUSES, PRIORITIES } from './candidate-status.ts';
import { isDecimal } from '@flowledger/shared';
import { PURSUIT_STAGES } from './pursuit-stage.ts';
import { SLA_KINDS } from './sla.ts';

const id = z.uuid('is not a valid id');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const tags = z.array(z.string().trim().min(1).max(50)).max(30, 'must have at most 30 tags');
const when = z.date();

export const moneySchema = z.object({
  amount: z
    .string()
    .refine((v) => isDecimal(v) && !v.startsWith('-') && /^\d+(\.\d{1,2})?$/.test(v), 'must be a non-negative amount with at most 2 decimals, as a string'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
});

export const createSignalSchema = z.object({
  source: z.enum(['WEB', 'REFERRAL', 'INGEST', 'PARTNER', 'MANUAL']),
  summary: text(500),
  clientId: id.nullish(),
  contactId: id.nullish(),
  receivedAt: when.nullish(),
  externalId: text(200).nullish(),
  priority: z.enum(PRIORITIES).nullish(),
  tags: tags.nullish(),
});

export const triageCandidateSchema = z.object({
  id,
  status: z
    .enum(CANDIDATE_STATUSES)
    .refine((s) => ['TRIAGED', 'NURTURE', 'DISMISSED'].includes(s), 'must be TRIAGED, NURTURE or DISMISSED (promote with promoteCandidate)'),
  priority: z.enum(PRIORITIES).nullish(),
  assigneeId: id.nullish(),
  dueAt: when.nullish(),
  tags: tags.nullish(),
});

export const promoteCandidateSchema = z.object({
  id,
  name: text(200),
  value: moneySchema.nullish(),
  expectedCloseDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullish(),
  ownerId: id.nullish(),
});

export const transitionPursuitSchema = z.object({
  id,
  to: z.enum(PURSUIT_STAGES),
  expectedVersion: z.number().int().positive('must be a version you read'),
  note: z.string().trim().max(1000).nullish(),
  lostReason: z.string().trim().max(1000).nullish(),
  probability: z.number().int().min(0, 'must be 0–100').max(100, 'must be 0–100').nullish(),
});

export const idInputSchema = z.object({ id });

export const createProposalSchema = z.object({ pursuitId: id, title: text(300) });

export const recordProposalResponseSchema = z.object({
  id,
  status: z.enum(['DRAFT', 'SENT', 'ACCEPTED', 'REJECTED', 'SUPERSEDED']).refine((s) => s === 'ACCEPTED' || s === 'REJECTED', 'must be ACCEPTED or REJECTED'),
});

export const setSlaRuleSchema = z.object({
  kind: z.enum(SLA_KINDS),
  // Stored as numeric(10, 2) and numeric(4, 3): a value the column would round is refused here, not by its CHECK.
  hours: z
    .number()
    .min(0.01, 'must be at least 0.01')
    .max(24 * 365, 'must be at most a year')
    .refine((v) => Number.isInteger(Math.round(v * 1e6) / 1e4), 'must have at most 2 decimals'),
  warnFraction: z
    .number()
    .min(0.001, 'must be between 0.001 and 0.999')
    .max(0.999, 'must be between 0.001 and 0.999')
    .refine((v) => Number.isInteger(Math.round(v * 1e6) / 1e3), 'must have at most 3 decimals')
    .nullish(),
});
