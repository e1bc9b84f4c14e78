import { notFound, parseInput, requireRole } from '@flowledger/shared';
import type { UseCaseOptions } from '@flowledger/shared';
import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/core';
import { addDays, todayIn } from '../domain/dates.ts';
import { issueInvoiceSchema } from '../domain/inputs.ts';
import { checkInvoiceAction, documentNumber } from '../domain/invoice-states.ts';
import { BillingSettings, ExchangeRate, Invoice } from '../entities/index.ts';
import { userError } from '../errors.ts';
import type { IssueInvoiceInput } from '../generated/resolvers-types.ts';
import { settingsOf } from './billing-settings.ts';
import type { Settings } from './billing-settings.ts';
import type { InvoiceResult } from './generate-invoice.ts';
import { invoiceMoved, nextDocumentNumber } from './invoice-events.ts';

/** The rate to the base currency on a day: 1 for the base itself, else the latest set on or before that day. */
export async function rateToBase(em: EntityManager, currency: string, baseCurrency: string, on: string): Promise<string | null> {
  if (currency === baseCurrency) return '1.00000000';
  const [rate] = await em.find(ExchangeRate, { currency, rateDate: { $lte: on } }, { orderBy: { rateDate: 'desc' }, limit: 1 });
  return rate?.rate ?? null;
}

/**
 * The settings an issue uses. An organisation that never set them issues in its base currency and
 * under its name as access knows them (written down as its settings then, so every later invoice and
 * the receivables agree); a set `legalName` wins over the organisation's name.
 */
async function issuingSettings(options: UseCaseOptions<IssueInvoiceInput>): Promise<Settings> {
  const { em, org } = options;
  const settings = await settingsOf(em);
  if (settings.stored && settings.legalName) return settings;
  const organisation = (await options.references.fields('access', 'Organization', [org.orgId], ['name', 'baseCurrency'])).get(org.orgId);
  const name = typeof organisation?.name === 'string' ? organisation.name : null;
  if (settings.stored) return { ...settings, legalName: name };
  const base =
    typeof organisation?.baseCurrency === 'string' && /^[A-Z]{3}$/.test(organisation.baseCurrency) ? organisation.baseCurrency : settings.baseCurrency;
  const adopted = { ...settings, baseCurrency: base, legalName: name };
  await em.upsert(
    BillingSettings,
    {
      orgId: org.orgId,
      baseCurrency: adopted.baseCurrency,
      taxRate: adopted.taxRate,
      taxInclusive: adopted.taxInclusive,
      paymentTermsDays: adopted.paymentTermsDays,
      legalName: name,
    },
    { onConflictFields: ['orgId'], onConflictAction: 'ignore' },
  );
  // Another issue may have written them first: what is stored now is what every invoice uses.
  const stored = await settingsOf(em);
  return { ...stored, legalName: stored.legalName ?? name };
}

/**
 * DRAFT → ISSUED: the next gapless number of the organisation and year, the due date from the payment
 * terms, the rate to the base currency stored on the invoice. The number is taken last, from a counter
 * row in this transaction: a refusal or a failure gives nothing away, and concurrent issues queue on it.
 */
export async function issueInvoice(options: UseCaseOptions<IssueInvoiceInput>): Promise<InvoiceResult> {
  requireRole(options.org, 'ADMIN', 'issue invoices');
  const parsed = parseInput(issueInvoiceSchema, options.input);
  if (!parsed.ok) return { invoice: null, userErrors: parsed.userErrors };
  const { em, org } = options;
  const invoice = await em.findOne(Invoice, { id: parsed.data.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!invoice) return { invoice: null, userErrors: notFound(['input', 'id'], 'invoice', parsed.data.id) };
  const verdict = checkInvoiceAction(invoice, 'ISSUE');
  if (!verdict.ok) return { invoice: null, userErrors: [userError(['input', 'id'], verdict.message, verdict.code)] };
  const issueDate = parsed.data.issueDate ?? todayIn(options.now);
  const settings = await issuingSettings(options);
  const rate = await rateToBase(em, invoice.currency, settings.baseCurrency, issueDate);
  if (!rate)
    return {
      invoice: null,
      userErrors: [
        userError(
          ['input', 'issueDate'],
          `no ${invoice.currency} → ${settings.baseCurrency} exchange rate on or before ${issueDate} (setExchangeRate)`,
          'NO_EXCHANGE_RATE',
        ),
      ],
    };
  // The names printed on the document, frozen with it: the client's as crm answers it for the caller.
  const client = (await options.references.fields('crm', 'Client', [invoice.clientId], ['name'])).get(invoice.clientId);
  invoice.clientName = typeof client?.name === 'string' ? client.name : null;
  invoice.issuerName = settings.legalName;
  const n = await nextDocumentNumber(em, org.orgId, 'INVOICE', Number(issueDate.slice(0, 4)));
  invoice.number = documentNumber('INVOICE', Number(issueDate.slice(0, 4)), n);
  invoice.status = 'ISSUED';
  invoice.issueDate = issueDate;
  invoice.dueDate = addDays(issueDate, settings.paymentTermsDays);
  invoice.baseCurrency = settings.baseCurrency;
  invoice.exchangeRate = rate;
  await invoiceMoved(em, invoice, 'DRAFT', options.now);
  await em.flush();
  return { invoice, userErrors: [] };
}
