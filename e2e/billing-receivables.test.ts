import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { PDFDocument } from 'pdf-lib';
import { startFullGraph } from '@flowledger/devtools/testing';
import type { FullGraph } from '@flowledger/devtools/testing';
import { createSignedLinks } from '@flowledger/shared';
import { TEST_SECRETS, waitFor } from '@flowledger/shared/testkit';
import { subscribe, untilSubscribed } from '../gateway/test/subscription-client.ts';
import { markOverdueInvoices } from '../subgraphs/billing/src/workers/mark-overdue-invoices.ts';
import { INVOICE, newEngagement } from './billing-helpers.ts';
import { gql, mutate, refuse } from './workstream-helpers.ts';

/** Currencies, receivables and their aging, the overdue scheduler, PDFs, and the live status feed. */
let graph: FullGraph;
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString().slice(0, 10);

beforeAll(async () => {
  graph = await startFullGraph();
  await mutate(
    graph,
    'setBillingSettings',
    { baseCurrency: 'EUR', taxRate: '0', paymentTermsDays: 30, legalName: 'Acme Advisory GmbH' },
    'billingSettings { baseCurrency }',
  );
});
afterAll(() => graph?.close());

/** An issued fixed-fee invoice of one milestone, issued on the given day. */
async function issuedInvoice(name: string, amount: string, options: { currency?: string; issueDate?: string; org?: 'acme' | 'globex' } = {}) {
  const org = options.org ?? 'acme';
  const e = await newEngagement(graph, { name, billingModel: 'FIXED_FEE', currency: options.currency, org });
  await mutate(graph, 'addMilestone', { engagementId: e.engagementId, name: 'All', amount, dueDate: '2026-01-01' }, 'milestone { id }', org);
  const draft = await mutate(graph, 'generateInvoice', { engagementId: e.engagementId, periodEnd: '2026-12-31' }, 'invoice { id }', org);
  const issued = await mutate(graph, 'issueInvoice', { id: draft.invoice.id, issueDate: options.issueDate }, `invoice { ${INVOICE} pdfUrl }`, org);
  return { ...e, invoice: issued.invoice };
}

describe('currencies', () => {
  test('an invoice in another currency needs a rate on or before its issue day, stores it, and counts in the base currency', async () => {
    const e = await newEngagement(graph, { name: 'Sterling client', billingModel: 'FIXED_FEE', currency: 'GBP' });
    await mutate(graph, 'addMilestone', { engagementId: e.engagementId, name: 'All', amount: '1000.01', dueDate: '2026-01-01' }, 'milestone { id }');
    const draft = (await mutate(graph, 'generateInvoice', { engagementId: e.engagementId, periodEnd: '2026-12-31' }, 'invoice { id currency }')).invoice;
    expect(draft.currency).toBe('GBP');
    expect(await refuse(graph, 'issueInvoice', { id: draft.id, issueDate: daysAgo(1) })).toEqual([expect.objectContaining({ code: 'NO_EXCHANGE_RATE' })]);
    await mutate(graph, 'setExchangeRate', { currency: 'GBP', date: daysAgo(10), rate: '1.16555' }, 'exchangeRate { rate }');
    await mutate(graph, 'setExchangeRate', { currency: 'GBP', date: daysAgo(0), rate: '9.99' }, 'exchangeRate { rate }');
    const issued = (await mutate(graph, 'issueInvoice', { id: draft.id, issueDate: daysAgo(1) }, `invoice { ${INVOICE} }`)).invoice;
    expect(issued).toMatchObject({ exchangeRate: '1.16555000', baseCurrency: 'EUR', total: { amount: '1000.01', currency: 'GBP' } });
    // 1000.01 × 1.16555 = 1165.5616555 → 1165.56 EUR.
    const client = await gql(graph, `query($id: ID!) { client(id: $id) { name balance { amount currency } invoices { number status } } }`, { id: e.clientId });
    expect(client.client).toEqual({
      name: 'Sterling client Client',
      balance: { amount: '1165.56', currency: 'EUR' },
      invoices: [{ number: issued.number, status: 'ISSUED' }],
    });
    expect((await refuse(graph, 'setBillingSettings', { baseCurrency: 'USD' }))[0]!.code).toBe('BASE_CURRENCY_IN_USE');
  });
});

describe('an organisation that set nothing', () => {
  test('issues in its base currency and under its name as access knows them, and keeps them as its settings', async () => {
    const { invoice } = await issuedInvoice('Globex first', '10.00', { currency: 'USD', org: 'globex' });
    expect(invoice).toMatchObject({ baseCurrency: 'USD', exchangeRate: '1.00000000', taxTotal: { amount: '0.00' } });
    const data = await gql(
      graph,
      `query($id: ID!) { invoice(id: $id) { issuerName clientName } billingSettings { baseCurrency legalName paymentTermsDays } }`,
      { id: invoice.id },
      'globex',
    );
    expect(data).toEqual({
      invoice: { issuerName: 'Globex Advisory', clientName: 'Globex first Client' },
      billingSettings: { baseCurrency: 'USD', legalName: 'Globex Advisory', paymentTermsDays: 30 },
    });
  });
});

describe('receivables and the overdue scheduler', () => {
  test('invoices past due become OVERDUE once; receivables age them into buckets in the base currency, by client', async () => {
    const fresh = await issuedInvoice('Aging current', '100.00', { issueDate: daysAgo(5) });
    const late = await issuedInvoice('Aging late', '200.00', { issueDate: daysAgo(75) }); // due 45 days ago
    const later = await issuedInvoice('Aging later', '300.00', { issueDate: daysAgo(160) }); // due 130 days ago
    await mutate(graph, 'recordPayment', { invoiceId: later.invoice.id, amount: '50.00' }, 'invoice { id }');
    const billing = graph.subgraphs.billing!;
    const run = () => markOverdueInvoices({ systemOrm: billing.systemOrm!, orm: billing.orm, now: new Date() });
    expect(await run()).toBeGreaterThanOrEqual(2);
    expect(await run()).toBe(0);
    const statuses = await gql(
      graph,
      `query($a: ID!, $b: ID!, $c: ID!) { a: invoice(id: $a) { status } b: invoice(id: $b) { status } c: invoice(id: $c) { status balanceDue { amount } } }`,
      {
        a: fresh.invoice.id,
        b: late.invoice.id,
        c: later.invoice.id,
      },
    );
    expect(statuses).toEqual({ a: { status: 'ISSUED' }, b: { status: 'OVERDUE' }, c: { status: 'OVERDUE', balanceDue: { amount: '250.00' } } });
    const { receivables } = await gql(
      graph,
      `{ receivables { baseCurrency asOf totals { current days31to60 over90 total } byClient { client { id name } openInvoices buckets { current days1to30 days31to60 days61to90 over90 total } } } }`,
    );
    expect(receivables.baseCurrency).toBe('EUR');
    const row = (clientId: string) => receivables.byClient.find((r: any) => r.client.id === clientId);
    expect(row(fresh.clientId)).toMatchObject({ openInvoices: 1, client: { name: 'Aging current Client' }, buckets: { current: '100.00', total: '100.00' } });
    expect(row(late.clientId).buckets).toEqual({
      current: '0.00',
      days1to30: '0.00',
      days31to60: '200.00',
      days61to90: '0.00',
      over90: '0.00',
      total: '200.00',
    });
    expect(row(later.clientId).buckets).toMatchObject({ over90: '250.00', total: '250.00' });
    const events = await gql(graph, `{ invoiceStatusEvents(first: 250) { edges { node { invoice { id } from to } } } }`);
    expect(events.invoiceStatusEvents.edges.filter((e: any) => e.node.invoice.id === late.invoice.id).map((e: any) => [e.node.from, e.node.to])).toEqual([
      ['DRAFT', 'ISSUED'],
      ['ISSUED', 'OVERDUE'],
    ]);
  });
});

describe('PDF', () => {
  test('an issued invoice renders at its signed link; altered, expired, other-organisation and odd requests get 4xx', async () => {
    const { invoice } = await issuedInvoice('Printed', '1234.50');
    expect(invoice.pdfUrl).toMatch(/\/invoices\/[0-9a-f-]{36}\.pdf\?o=.+&e=\d+&s=/);
    const response = await fetch(invoice.pdfUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-');
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getTitle()).toBe(`Invoice ${invoice.number}`);
    expect(pdf.getPageCount()).toBe(1);

    const url = new URL(invoice.pdfUrl);
    const altered = new URL(url);
    altered.searchParams.set('e', String(Number(url.searchParams.get('e')) + 3600));
    expect((await fetch(altered)).status).toBe(404);
    const otherOrg = new URL(url);
    otherOrg.searchParams.set('o', '01938000-0000-7000-8000-00000000b001');
    expect((await fetch(otherOrg)).status).toBe(404);
    const links = createSignedLinks({ secret: TEST_SECRETS.signingSecret, subgraph: 'billing', publicUrl: () => url.origin });
    const orgId = url.searchParams.get('o')!;
    expect((await fetch(links.sign(url.pathname, { orgId, ttlSeconds: 60, now: new Date(Date.now() - 3600_000) }))).status).toBe(410);
    // A link another organisation could sign for its own scope still cannot show acme's invoice.
    expect((await fetch(links.sign(url.pathname, { orgId: '01938000-0000-7000-8000-00000000b001', ttlSeconds: 60 }))).status).toBe(404);
    expect((await fetch(invoice.pdfUrl, { method: 'HEAD' })).status).toBe(200);
    expect((await fetch(invoice.pdfUrl, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${url.origin}/invoices/${'x'.repeat(5000)}.pdf`)).status).toBe(404);
    const draft = await newEngagement(graph, { name: 'Draft only', billingModel: 'FIXED_FEE' });
    await mutate(graph, 'addMilestone', { engagementId: draft.engagementId, name: 'All', amount: '1', dueDate: '2026-01-01' }, 'milestone { id }');
    const made = await mutate(graph, 'generateInvoice', { engagementId: draft.engagementId, periodEnd: '2026-12-31' }, 'invoice { id pdfUrl }');
    expect(made.invoice.pdfUrl).toBeNull();
    expect((await fetch(links.sign(`/invoices/${made.invoice.id}.pdf`, { orgId, ttlSeconds: 60 }))).status).toBe(404);
  });
});

describe('invoiceStatusChanged', () => {
  test('a dashboard hears its organisation’s invoices change status, live, and another organisation hears nothing', async () => {
    const query = 'subscription { invoiceStatusChanged { from to invoice { number client { name } total { amount currency } } } }';
    const acme = subscribe({ url: graph.gatewayUrl, token: await graph.token('acme'), query });
    const globex = subscribe({ url: graph.gatewayUrl, token: await graph.token('globex'), query });
    await untilSubscribed(graph.gateway!.hub!, 2);
    try {
      const { invoice } = await issuedInvoice('Live', '42.00');
      const event = await acme.next(5000);
      expect(event.data).toEqual({
        invoiceStatusChanged: {
          from: 'DRAFT',
          to: 'ISSUED',
          invoice: { number: invoice.number, client: { name: 'Live Client' }, total: { amount: '42.00', currency: 'EUR' } },
        },
      });
      await mutate(graph, 'recordPayment', { invoiceId: invoice.id, amount: '42.00' }, 'invoice { id }');
      await waitFor(() => acme.received.length >= 2, { timeoutMs: 5000 });
      expect(acme.received[1]!.data.invoiceStatusChanged).toMatchObject({ from: 'ISSUED', to: 'PAID' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(globex.received).toEqual([]);
    } finally {
      await acme.dispose();
      await globex.dispose();
    }
  });
});
