import type { FullGraph } from '@flowledger/devtools/testing';
import { waitFor } from '@flowledger/shared/testkit';
import { gql, mutate } from './workstream-helpers.ts';

type Org = 'acme' | 'globex';

export const INVOICE = `id number kind status currency issueDate dueDate subtotal { amount } taxTotal { amount } total { amount currency }
  paid { amount } balanceDue { amount } exchangeRate baseCurrency clientName voidReason lines { description quantity unitPrice { amount } net { amount } tax { amount } total { amount } }`;

/** A client of crm and a T&M engagement for it. */
export async function newEngagement(graph: FullGraph, options: { name: string; currency?: string; billingModel?: string; org?: Org }) {
  const org = options.org ?? 'acme';
  const client = await mutate(graph, 'createClient', { name: `${options.name} Client` }, 'client { id }', org);
  const made = await mutate(
    graph,
    'createEngagement',
    { clientId: client.client.id, name: options.name, currency: options.currency ?? 'EUR', billingModel: options.billingModel ?? 'TIME_AND_MATERIALS' },
    'engagement { id }',
    org,
  );
  return { clientId: client.client.id as string, engagementId: made.engagement.id as string };
}

/** A person assigned to an engagement for December 2026 at one rate, once billing has learned it. */
export async function assignedPerson(graph: FullGraph, options: { engagementId: string; name: string; billRate: string; currency?: string; org?: Org }) {
  const org = options.org ?? 'acme';
  const card = await mutate(
    graph,
    'createRateCard',
    {
      name: `Card for ${options.name}`,
      currency: options.currency ?? 'EUR',
      effectiveFrom: '2026-01-01',
      rates: [{ role: 'CONSULTANT', billRate: options.billRate, costRate: '1.00' }],
    },
    'rateCard { id } version { id }',
    org,
  );
  await mutate(graph, 'publishRateCardVersion', { versionId: card.version.id }, 'version { id }', org);
  const email = `${options.name.toLowerCase().replace(/\W+/g, '.')}.${Math.random().toString(36).slice(2, 7)}@example.com`;
  const person = await mutate(graph, 'createStaffMember', { name: options.name, email, role: 'CONSULTANT' }, 'staffMember { id }', org);
  const staffId = person.staffMember.id as string;
  await mutate(
    graph,
    'assignStaff',
    { staffId, engagementId: options.engagementId, rateCardId: card.rateCard.id, allocationPercent: '50', startDate: '2026-12-01', endDate: '2026-12-31' },
    'assignment { id }',
    org,
  );
  // Billing learns the snapshot from staffing's event.
  await waitFor(
    async () => {
      const { body } = await graph.query({ org, query: `query($id: ID!) { engagement(id: $id) { id } }`, variables: { id: options.engagementId } });
      const data = await graph.query({
        org,
        query: `mutation($input: LogTimeInput!) { logTime(input: $input) { timeEntry { id } userErrors { code } } }`,
        variables: { input: { engagementId: options.engagementId, staffId, date: '2026-12-01', minutes: 1, note: 'probe', billable: false } },
      });
      return Boolean(body.data?.engagement && data.body.data?.logTime?.timeEntry);
    },
    { timeoutMs: 10_000 },
  );
  return staffId;
}

/** Logs, submits and approves time; returns the entry ids. */
export async function approvedTime(graph: FullGraph, engagementId: string, staffId: string, minutes: number[], org: Org = 'acme') {
  const ids: string[] = [];
  for (const [i, m] of minutes.entries()) {
    const logged = await mutate(
      graph,
      'logTime',
      { engagementId, staffId, date: `2026-12-${String(2 + i).padStart(2, '0')}`, minutes: m, submit: true },
      'timeEntry { id }',
      org,
    );
    ids.push(logged.timeEntry.id);
  }
  await mutate(graph, 'approveTime', { ids }, 'timeEntries { id }', org);
  return ids;
}

export const invoiceOf = async (graph: FullGraph, id: string, org: Org = 'acme') =>
  (await gql(graph, `query($id: ID!) { invoice(id: $id) { ${INVOICE} } }`, { id }, org)).invoice;
