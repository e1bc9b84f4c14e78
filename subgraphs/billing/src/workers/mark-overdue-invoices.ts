import { LockMode } from '@mikro-orm/core';
import { inOrgScope, inSystemScope } from '@flowledger/shared';
import type { Orm } from '@flowledger/shared';
import { todayIn } from '../domain/dates.ts';
import { checkInvoiceAction } from '../domain/invoice-states.ts';
import { Invoice } from '../entities/index.ts';
import { invoiceMoved } from '../use-cases/invoice-events.ts';

/** The claim of invoices past due (parameters: today, batch size), through the partial index on due_date. */
export const PAST_DUE_SQL = `select id, org_id from billing.invoice
  where status in ('ISSUED', 'PARTIALLY_PAID') and due_date < ?::date order by due_date limit ?`;

/**
 * One round of the overdue scheduler. In its system scope it only finds the invoices past their due
 * date across organisations (a select-only policy); each one is then moved in its own organisation's
 * scope, under the invoice's row lock and with the status checked again, so two schedulers, or a
 * payment at the same moment, never both act: OVERDUE, with InvoiceStatusChanged and InvoiceOverdue.
 */
export async function markOverdueInvoices(options: { systemOrm: Orm; orm: Orm; now: Date; batchSize?: number }): Promise<number> {
  const today = todayIn(options.now);
  const due = await inSystemScope(options.systemOrm, 'invoice-overdue', (em) =>
    em.execute<{ id: string; org_id: string }[]>(PAST_DUE_SQL, [today, options.batchSize ?? 500]),
  );
  let moved = 0;
  for (const item of due) {
    await inOrgScope(options.orm, item.org_id, async (em) => {
      const invoice = await em.findOne(Invoice, { id: item.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!invoice || !invoice.dueDate || invoice.dueDate >= today || !checkInvoiceAction(invoice, 'MARK_OVERDUE').ok) return;
      const from = invoice.status;
      invoice.status = 'OVERDUE';
      await invoiceMoved(em, invoice, from, options.now);
      await em.flush();
      moved++;
    });
  }
  return moved;
}
