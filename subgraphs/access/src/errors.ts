import { COMMON_USER_ERROR_CODES, userErrorsWith } from '@flowledger/shared';

/**
 * Every code an access mutation can return in `userErrors` — the whole vocabulary, listed in the
 * README's error table (a test compares them). FORBIDDEN is never here: it is a top-level error.
 */
export const USER_ERROR_CODES = [...COMMON_USER_ERROR_CODES, 'NAME_TAKEN', 'OPERATION_ID_MISMATCH', 'INVALID_OPERATION'] as const;

export type AccessErrorCode = (typeof USER_ERROR_CODES)[number];

export const userError = userErrorsWith(USER_ERROR_CODES);
