import type { EventRow } from '@flowledger/shared';

/** The outbox row a status-change event resolves from (the codegen mapper's type). */
export type { EventRow };
