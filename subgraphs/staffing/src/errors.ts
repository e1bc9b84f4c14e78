import { COMMON_USER_ERROR_CODES, userErrorsWith } from '@flowledger/shared';

/**
 * Every code a staffing mutation can return in `userErrors` — the whole vocabulary, listed in the
 * README's error table (a test compares them). FORBIDDEN is never here: it is a top-level error.
 */
export const USER_ERROR_CODES = [
  ...COMMON_USER_ERROR_CODES,
  'DUPLICATE_EMAIL',
  'DUPLICATE_NAME',
  'DUPLICATE_EFFECTIVE_DATE',
  'RATE_CARD_VERSION_PUBLISHED',
  'UNKNOWN_ROLE',
  'NO_RATE_IN_EFFECT',
  'ASSIGNMENT_ENDED',
  'STAFF_INACTIVE',
] as const;

export type StaffingErrorCode = (typeof USER_ERROR_CODES)[number];

export const userError = userErrorsWith(USER_ERROR_CODES);
