import type { EventRow } from '@flowledger/shared';

/** The outbox row an engagement event resolves from (the codegen mapper's type). */
export type { EventRow };
