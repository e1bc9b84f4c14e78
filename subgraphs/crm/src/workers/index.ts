import type { SubgraphDefinition } from '@flowledger/shared';

/**
 * CRM's background work: none yet — it writes no events and schedules nothing. The folder is here
 * because every subgraph has the same shape; a subgraph's workers are listed in this file, and the
 * kit gives them an event bus and the system scope only when there are some (`definition.workers`).
 */
export const crmWorkers: SubgraphDefinition['workers'] = undefined;
