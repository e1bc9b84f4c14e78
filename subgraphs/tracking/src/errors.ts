import { COMMON_USER_ERROR_CODES, userErrorsWith } from '@flowledger/shared';

/**
 * Every code a tracking mutation can return in `userErrors` — the whole vocabulary, listed in the
 * README's error table (a test compares them). FORBIDDEN is never here: it is a top-level error.
 */
export const USER_ERROR_CODES = [...COMMON_USER_ERROR_CODES] as const;

export type TrackingErrorCode = (typeof USER_ERROR_CODES)[number];

export const userError = userErrorsWith(USER_ERROR_CODES);
