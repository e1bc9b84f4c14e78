import { COMMON_USER_ERROR_CODES, userErrorsWith } from '@flowledger/shared';

/**
 * Every code a workstream mutation can return in `userErrors` — the whole vocabulary, listed in the
 * README's error table (a test compares them). FORBIDDEN is never here: it is a top-level error.
 */
export const USER_ERROR_CODES = [
  ...COMMON_USER_ERROR_CODES,
  'INVALID_TRANSITION',
  'CHECKLIST_INCOMPLETE',
  'LOST_REASON_REQUIRED',
  'PURSUIT_CLOSED',
  'ALREADY_PROMOTED',
  'STALE',
] as const;

export type WorkstreamErrorCode = (typeof USER_ERROR_CODES)[number];

export const userError = userErrorsWith(USER_ERROR_CODES);
