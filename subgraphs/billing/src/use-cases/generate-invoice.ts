import { lockKeys, notFound, parseInput } from '@flowledger/shared';
import type { UseCaseOptions, UserError } from '@flowledger/shared';
import { generateInvoiceSchema } from '../domain/inputs.ts';
import { draftLines, invoiceTotals } from '../domain/invoice-lines.ts';
import { Engagement, Invoice, InvoiceLine, Milestone, TimeEntry } from '../entities/index.ts';
import type { InvoiceRow } from '../entities/index.ts';
import { userError } from '../errors.ts';
import type { GenerateInvoiceInput } from '../generated/resolvers-types.ts';
import { settingsOf } from './billing-settings.ts';

export interface InvoiceResult {
  invoice: InvoiceRow | null;
  userErrors: UserError[];
}

export const engagementBillingKey = (orgId: string, engagementId: string) => `billing:engagement-invoicing:${orgId}:${engagementId}`;

/**
 * A DRAFT for an engagement up to a day: its approved, billable, unbilled time (time and materials)
 * grouped by person, role and rate, or its milestones due by that day (fixed fee, milestones), taxed
 * by the organisation's settings. What it bills is reserved for it, so two drafts never bill the
 * same hour; discarding or voiding frees it.
 */
export async function generateInvoice(options: UseCaseOptions<GenerateInvoiceInput>): Promise<InvoiceResult> {
  const parsed = parseInput(generateInvoiceSchema, options.input);
  if (!parsed.ok) return { invoice: null, userErrors: parsed.userErrors };
  const { engagementId, periodEnd } = parsed.data;
  const { em, org } = options;
  const engagement = await em.findOne(Engagement, { id: engagementId });
  if (!engagement) return { invoice: null, userErrors: notFound(['input', 'engagementId'], 'engagement', engagementId) };
  await lockKeys(em, [engagementBillingKey(org.orgId, engagement.id)]);
  const byTime = engagement.billingModel === 'TIME_AND_MATERIALS';
  const [time, milestones, settings] = await Promise.all([
    byTime
      ? em.find(
          TimeEntry,
          { engagementId, status: 'APPROVED', billable: true, invoiceId: null, entryDate: { $lte: periodEnd } },
          { orderBy: { entryDate: 'asc', id: 'asc' } },
        )
      : Promise.resolve([]),
    byTime ? Promise.resolve([]) : em.find(Milestone, { engagementId, status: { $in: ['PENDING', 'DUE'] }, invoiceId: null, dueDate: { $lte: periodEnd } }),
    settingsOf(em),
  ]);
  if (time.length === 0 && milestones.length === 0)
    return {
      invoice: null,
      userErrors: [userError(['input', 'periodEnd'], `nothing of ${engagement.name} is ready to bill up to ${periodEnd}`, 'NOTHING_TO_BILL')],
    };
  const tax = { rate: settings.taxRate, inclusive: settings.taxInclusive };
  const lines = draftLines(
    time.map((t) => ({ id: t.id, staffId: t.staffId, role: t.role!, billRate: t.billRate!, minutes: t.minutes })),
    milestones.map((m) => ({ id: m.id, name: m.name, amount: m.amount, dueDate: m.dueDate })),
    tax,
    () => 'Time',
  );
  const invoice = em.create(Invoice, {
    orgId: org.orgId,
    kind: 'INVOICE',
    engagementId,
    clientId: engagement.clientId,
    status: 'DRAFT',
    currency: engagement.currency,
    periodEnd,
    taxRate: settings.taxRate,
    taxInclusive: settings.taxInclusive,
    ...invoiceTotals(lines),
  });
  lines.forEach((line, position) => {
    const { timeEntryIds: _ids, ...fields } = line;
    em.create(InvoiceLine, { orgId: org.orgId, invoiceId: invoice.id, position, ...fields });
  });
  for (const entry of time) entry.invoiceId = invoice.id;
  for (const milestone of milestones) [milestone.invoiceId, milestone.status] = [invoice.id, 'INVOICED'];
  await em.flush();
  return { invoice, userErrors: [] };
}
