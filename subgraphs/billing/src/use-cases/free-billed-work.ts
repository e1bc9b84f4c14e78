import type { EntityManager } from '@mikro-orm/postgresql';
import { Milestone, TimeEntry } from '../entities/index.ts';

/** What an invoice billed becomes billable again (its draft discarded, or the invoice voided). */
export async function freeBilledWork(em: EntityManager, invoiceId: string): Promise<void> {
  for (const entry of await em.find(TimeEntry, { invoiceId })) entry.invoiceId = null;
  for (const milestone of await em.find(Milestone, { invoiceId })) [milestone.invoiceId, milestone.status] = [null, 'DUE'];
}
