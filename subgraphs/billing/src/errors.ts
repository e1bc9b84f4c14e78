import { COMMON_USER_ERROR_CODES, userErrorsWith } from '@flowledger/shared';

/**
 * Every code a billing mutation can return in `userErrors` — the whole vocabulary, listed in the
 * README's error table (a test compares them). FORBIDDEN is never here: it is a top-level error.
 */
export const USER_ERROR_CODES = [
  ...COMMON_USER_ERROR_CODES,
  'DUPLICATE_ENGAGEMENT',
  'INVALID_TRANSITION',
  'ENGAGEMENT_CLOSED',
  'MILESTONES_NOT_BILLED',
  'NO_ASSIGNMENT',
  'RATE_CURRENCY_MISMATCH',
  'ENTRY_LOCKED',
  'NOTHING_TO_BILL',
  'INVOICE_ISSUED',
  'INVOICE_HAS_PAYMENTS',
  'OVERPAYMENT',
  'NO_EXCHANGE_RATE',
  'BASE_CURRENCY_IN_USE',
] as const;

export type BillingErrorCode = (typeof USER_ERROR_CODES)[number];

export const userError = userErrorsWith(USER_ERROR_CODES);
