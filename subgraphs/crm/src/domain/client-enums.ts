/** A client's lifecycle: ARCHIVED clients stay readable but cannot change. */
export const CLIENT_STATUSES = ['ACTIVE', 'ARCHIVED'] as const;
export type ClientStatus = (typeof CLIENT_STATUSES)[number];

/** A client's size band, as the SDL's ClientSize. */
export const CLIENT_SIZES = ['SOLO', 'SMALL', 'MEDIUM', 'LARGE', 'ENTERPRISE'] as const;
export type ClientSize = (typeof CLIENT_SIZES)[number];
