import type { EntityManager } from '@mikro-orm/postgresql';
import type { InvoiceStatus } from '../domain/invoice-states.ts';
import { balanceDue } from '../domain/invoice-states.ts';
import type { InvoiceRow } from '../entities/index.ts';
import { emitEvent } from './emit-event.ts';

/** The event a dashboard or another subgraph hears for reaching a status, beside InvoiceStatusChanged. */
const NAMED: Partial<Record<InvoiceStatus, string>> = { ISSUED: 'InvoiceIssued', PAID: 'InvoicePaid', OVERDUE: 'InvoiceOverdue' };

/**
 * An invoice moved from one status to another: InvoiceStatusChanged (the subscription's event) and,
 * for ISSUED, PAID and OVERDUE, the named event, in the transaction of the change. The facts are the
 * number, the amounts and the balance, never the lines.
 */
export async function invoiceMoved(em: EntityManager, invoice: InvoiceRow, from: InvoiceStatus | null, at: Date): Promise<void> {
  const facts = {
    invoiceId: invoice.id,
    kind: invoice.kind,
    number: invoice.number,
    engagementId: invoice.engagementId,
    clientId: invoice.clientId,
    currency: invoice.currency,
    total: invoice.total,
    balanceDue: balanceDue(invoice),
    dueDate: invoice.dueDate,
    from,
    to: invoice.status,
    at: at.toISOString(),
  };
  await emitEvent(em, invoice, 'Invoice', 'InvoiceStatusChanged', facts, at);
  const named = NAMED[invoice.status as InvoiceStatus];
  if (named) await emitEvent(em, invoice, 'Invoice', named, facts, at);
}

/** The next gapless number of a kind and year: a counter row bumped in the caller's transaction (a rollback gives it back). */
export async function nextDocumentNumber(em: EntityManager, orgId: string, kind: 'INVOICE' | 'CREDIT_NOTE', year: number): Promise<number> {
  const [row] = await em.execute<{ last_number: number }[]>(
    `insert into billing.document_counter (id, org_id, kind, year, last_number) values (gen_random_uuid(), ?, ?, ?, 1)
     on conflict (org_id, kind, year) do update set last_number = document_counter.last_number + 1, updated_at = now()
     returning last_number`,
    [orgId, kind, year],
  );
  return row!.last_number;
}
