import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startFullGraph } from '@flowledger/devtools/testing';
import type { FullGraph } from '@flowledger/devtools/testing';
import { withPgClient } from '@flowledger/shared';
import { approvedTime, assignedPerson, INVOICE, invoiceOf, newEngagement } from './billing-helpers.ts';
import { gql, mutate, refuse } from './workstream-helpers.ts';

/** Invoices end to end: exact money, gapless numbers, immutability, payments and voids. */
let graph: FullGraph;
beforeAll(async () => {
  graph = await startFullGraph();
  await mutate(
    graph,
    'setBillingSettings',
    { baseCurrency: 'EUR', taxRate: '19', taxInclusive: false, paymentTermsDays: 30, legalName: 'Acme Advisory GmbH' },
    'billingSettings { baseCurrency }',
  );
});
afterAll(() => graph?.close());

const generate = (engagementId: string, periodEnd = '2026-12-31') =>
  mutate(graph, 'generateInvoice', { engagementId, periodEnd }, `invoice { ${INVOICE} }`).then((p) => p.invoice);
const issue = (id: string, issueDate?: string) => mutate(graph, 'issueInvoice', { id, issueDate }, `invoice { ${INVOICE} }`).then((p) => p.invoice);
const sql = <T>(text: string, params: unknown[] = []) => withPgClient(graph.db.ownerUrl, async (client) => (await client.query(text, params)).rows as T[]);

describe('money is exact, by the documented rule', () => {
  test('three 20-minute entries at 100.10 and milestones of 0.10 and 0.20, taxed 19 % per line, half-even, total to the cent', async () => {
    const tm = await newEngagement(graph, { name: 'Exact time' });
    const ada = await assignedPerson(graph, { engagementId: tm.engagementId, name: 'Ada Exact', billRate: '100.10' });
    await approvedTime(graph, tm.engagementId, ada, [20, 20, 20]);
    const time = await generate(tm.engagementId);
    // One line for Ada: 1.0000 h × 100.10 = 100.10; tax 19.019 → 19.02; 119.12.
    expect(time.lines).toEqual([
      {
        description: 'Time — CONSULTANT',
        quantity: '1.0000',
        unitPrice: { amount: '100.1000' },
        net: { amount: '100.10' },
        tax: { amount: '19.02' },
        total: { amount: '119.12' },
      },
    ]);
    expect([time.subtotal.amount, time.taxTotal.amount, time.total.amount]).toEqual(['100.10', '19.02', '119.12']);

    const fixed = await newEngagement(graph, { name: 'Exact milestones', billingModel: 'FIXED_FEE' });
    for (const [name, amount] of [
      ['Ten cents', '0.10'],
      ['Twenty cents', '0.20'],
    ])
      await mutate(graph, 'addMilestone', { engagementId: fixed.engagementId, name, amount, dueDate: '2026-11-30' }, 'milestone { id }');
    const milestones = await generate(fixed.engagementId);
    // 0.10 + 0.20 is 0.30, never 0.30000000000000004; the taxes are 0.019 → 0.02 and 0.038 → 0.04.
    expect(milestones.lines.map((l: any) => [l.net.amount, l.tax.amount, l.total.amount])).toEqual([
      ['0.10', '0.02', '0.12'],
      ['0.20', '0.04', '0.24'],
    ]);
    expect([milestones.subtotal.amount, milestones.taxTotal.amount, milestones.total.amount]).toEqual(['0.30', '0.06', '0.36']);
    expect(await refuse(graph, 'generateInvoice', { engagementId: fixed.engagementId, periodEnd: '2026-12-31' })).toEqual([
      expect.objectContaining({ code: 'NOTHING_TO_BILL' }),
    ]);
  });
});

describe('numbers', () => {
  test('50 concurrent issues of 50 drafts get 50 unique, gapless numbers; a failed issue leaves no gap', async () => {
    const drafts: string[] = [];
    for (let i = 0; i < 51; i++) {
      const e = await newEngagement(graph, { name: `Numbered ${i}`, billingModel: 'MILESTONE' });
      await mutate(graph, 'addMilestone', { engagementId: e.engagementId, name: 'Phase', amount: '1000', dueDate: '2026-11-01' }, 'milestone { id }');
      drafts.push((await generate(e.engagementId)).id);
    }
    // The year 2031 has no numbers yet. One issue fails after it took a number: its transaction rolls the counter back.
    const doomed = drafts.pop()!;
    await sql(`create function billing.test_fail_issue() returns trigger language plpgsql as $$ begin
      if new.id = '${doomed}' and new.status = 'ISSUED' then raise exception 'injected failure'; end if; return new; end $$`);
    await sql(`create trigger test_fail_issue before update on billing.invoice for each row execute function billing.test_fail_issue()`);
    const failed = await graph.query({
      query: `mutation($input: IssueInvoiceInput!) { issueInvoice(input: $input) { invoice { number } } }`,
      variables: { input: { id: doomed, issueDate: '2031-01-15' } },
    });
    expect(failed.body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(failed.body)).not.toMatch(/injected|billing\.|trigger/);
    await sql('drop trigger test_fail_issue on billing.invoice');
    const issued = await Promise.all(drafts.map((id) => issue(id, '2031-01-15')));
    const numbers = issued.map((i) => i.number).sort();
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => `INV-2031-${String(i + 1).padStart(4, '0')}`));
    expect((await issue(doomed, '2031-02-01')).number).toBe('INV-2031-0051');
    expect(issued[0]).toMatchObject({ status: 'ISSUED', issueDate: '2031-01-15', dueDate: '2031-02-14', exchangeRate: '1.00000000', baseCurrency: 'EUR' });
  });
});

describe('an issued invoice', () => {
  test('cannot be edited, discarded or issued again — not through the API, not by SQL', async () => {
    const e = await newEngagement(graph, { name: 'Immutable', billingModel: 'FIXED_FEE' });
    await mutate(graph, 'addMilestone', { engagementId: e.engagementId, name: 'All', amount: '500', dueDate: '2026-11-01' }, 'milestone { id }');
    const invoice = await issue((await generate(e.engagementId)).id);
    expect(invoice.clientName).toBe('Immutable Client');
    expect(await refuse(graph, 'discardInvoice', { id: invoice.id })).toEqual([expect.objectContaining({ code: 'INVOICE_ISSUED' })]);
    expect(await refuse(graph, 'issueInvoice', { id: invoice.id })).toEqual([expect.objectContaining({ code: 'INVOICE_ISSUED' })]);
    await expect(sql(`update billing.invoice set total = 1 where id = $1`, [invoice.id])).rejects.toThrow(/cannot be edited/);
    await expect(sql(`update billing.invoice_line set net_amount = 1 where invoice_id = $1`, [invoice.id])).rejects.toThrow(/cannot change/);
    await expect(sql(`delete from billing.invoice where id = $1`, [invoice.id])).rejects.toThrow(/cannot be deleted/);
    expect(await invoiceOf(graph, invoice.id)).toEqual(invoice);
  });

  test('takes partial payments; an overpayment is refused and changes nothing; the last payment makes it PAID', async () => {
    const e = await newEngagement(graph, { name: 'Paid in parts', billingModel: 'FIXED_FEE' });
    await mutate(graph, 'addMilestone', { engagementId: e.engagementId, name: 'All', amount: '1000', dueDate: '2026-11-01' }, 'milestone { id }');
    const invoice = await issue((await generate(e.engagementId)).id);
    expect(invoice.total.amount).toBe('1190.00');
    const pay = (amount: string) =>
      graph.query({
        query: `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { invoice { status paid { amount } balanceDue { amount } } userErrors { field code message } } }`,
        variables: { input: { invoiceId: invoice.id, amount } },
      });
    expect((await pay('190.01')).body.data.recordPayment.invoice).toEqual({
      status: 'PARTIALLY_PAID',
      paid: { amount: '190.01' },
      balanceDue: { amount: '999.99' },
    });
    const over = (await pay('1000.00')).body.data.recordPayment;
    expect(over).toEqual({ invoice: null, userErrors: [expect.objectContaining({ field: ['input', 'amount'], code: 'OVERPAYMENT' })] });
    expect(await sql(`select count(*)::int as n from billing.payment where invoice_id = $1`, [invoice.id])).toEqual([{ n: 1 }]);
    expect((await invoiceOf(graph, invoice.id)).balanceDue.amount).toBe('999.99');
    // Two payments of the whole balance at once: one passes, the other is an overpayment.
    const both = await Promise.all([pay('999.99'), pay('999.99')]);
    expect(both.map((r) => r.body.data.recordPayment.userErrors.map((u: any) => u.code)).sort()).toEqual([[], ['OVERPAYMENT']]);
    expect(await invoiceOf(graph, invoice.id)).toMatchObject({ status: 'PAID', paid: { amount: '1190.00' }, balanceDue: { amount: '0.00' } });
    expect((await refuse(graph, 'voidInvoice', { id: invoice.id, reason: 'Too late' }))[0]!.code).toBe('INVALID_TRANSITION');
    const events = await sql<{ type: string }>(`select type from billing.outbox_event where aggregate_id = $1 order by seq`, [invoice.id]);
    expect(events.map((e) => e.type)).toEqual(['InvoiceStatusChanged', 'InvoiceIssued', 'InvoiceStatusChanged', 'InvoiceStatusChanged', 'InvoicePaid']);
  });

  test('voiding gives a credit note for its total and a zero balance; the time it billed can be billed again', async () => {
    const e = await newEngagement(graph, { name: 'Voided' });
    const bo = await assignedPerson(graph, { engagementId: e.engagementId, name: 'Bo Void', billRate: '80.00' });
    await approvedTime(graph, e.engagementId, bo, [90]);
    const invoice = await issue((await generate(e.engagementId)).id);
    expect(await refuse(graph, 'voidInvoice', { id: invoice.id, reason: ' ' })).toEqual([
      expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'reason'] }),
    ]);
    const voided = await mutate(
      graph,
      'voidInvoice',
      { id: invoice.id, reason: 'Billed the wrong rate' },
      `invoice { ${INVOICE} creditNote { number } } creditNote { ${INVOICE} credits { number } }`,
    );
    expect(voided.invoice).toMatchObject({
      status: 'VOID',
      balanceDue: { amount: '0.00' },
      voidReason: 'Billed the wrong rate',
      creditNote: { number: voided.creditNote.number },
    });
    expect(voided.creditNote).toMatchObject({
      kind: 'CREDIT_NOTE',
      status: 'ISSUED',
      total: invoice.total,
      lines: invoice.lines,
      credits: { number: invoice.number },
      voidReason: 'Billed the wrong rate',
    });
    expect(voided.creditNote.number).toMatch(/^CN-\d{4}-\d{4}$/);
    expect((await refuse(graph, 'recordPayment', { invoiceId: invoice.id, amount: '1.00' }))[0]!.code).toBe('INVALID_TRANSITION');
    // 90 minutes at 80 = 120.00 is billable again.
    expect((await generate(e.engagementId)).subtotal.amount).toBe('120.00');
  });
});

describe('across organisations', () => {
  test("globex cannot read, pay, issue or void acme's invoices, nor see them on acme's client", async () => {
    const e = await newEngagement(graph, { name: 'Acme invoice', billingModel: 'FIXED_FEE' });
    await mutate(graph, 'addMilestone', { engagementId: e.engagementId, name: 'All', amount: '10', dueDate: '2026-11-01' }, 'milestone { id }');
    const draft = await generate(e.engagementId);
    for (const [field, input] of [
      ['issueInvoice', { id: draft.id }],
      ['discardInvoice', { id: draft.id }],
      ['recordPayment', { invoiceId: draft.id, amount: '1' }],
      ['voidInvoice', { id: draft.id, reason: 'x' }],
      ['generateInvoice', { engagementId: e.engagementId, periodEnd: '2026-12-31' }],
    ] as const)
      expect((await refuse(graph, field, input, 'globex'))[0]!.code).toBe('NOT_FOUND');
    expect(await gql(graph, `query($id: ID!) { invoice(id: $id) { id } }`, { id: draft.id }, 'globex')).toEqual({ invoice: null });
    const lists = await gql(
      graph,
      `{ invoices(first: 100) { totalCount } receivables { byClient { client { id } } } invoiceStatusEvents(first: 250) { edges { node { id } } } billingSettings { legalName baseCurrency } exchangeRates(currency: "GBP") { rate } }`,
      {},
      'globex',
    );
    expect(lists).toEqual({
      invoices: { totalCount: 0 },
      receivables: { byClient: [] },
      invoiceStatusEvents: { edges: [] },
      billingSettings: { legalName: null, baseCurrency: 'USD' },
      exchangeRates: [],
    });
    expect(await gql(graph, `query($id: ID!) { client(id: $id) { id } }`, { id: e.clientId }, 'globex')).toEqual({ client: null });
  });
});
