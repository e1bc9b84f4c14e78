import Big from 'big.js';
import { z } from 'zod';
import type { GraphQLResolveInfo } from 'graphql';
import { badUserInput, countRows, pageOfRows, parsePageArgs } from '@flowledger/shared';
import { AGING_BUCKETS, agingBucket } from '../domain/aging.ts';
import type { AgingBucket } from '../domain/aging.ts';
import { todayIn } from '../domain/dates.ts';
import { currency } from '../domain/inputs.ts';
import { DOCUMENT_KINDS, INVOICE_STATUSES } from '../domain/invoice-states.ts';
import { formatDecimal } from '@flowledger/shared';
import { billingReads, openBalances } from '../loaders.ts';
import type { Context } from '../context.ts';

const id = z.uuid('is not a valid id');
const invoiceFilter = z
  .object({ clientId: id.nullish(), engagementId: id.nullish(), status: z.enum(INVOICE_STATUSES).nullish(), kind: z.enum(DOCUMENT_KINDS).nullish() })
  .nullish();

/** Invoices and credit notes by creation (oldest first), paged by keyset. */
export async function invoices(_: unknown, args: { first?: number | null; after?: string | null; filter?: unknown }, ctx: Context, info: GraphQLResolveInfo) {
  const page = parsePageArgs(args, ctx.maxPageSize);
  const parsed = invoiceFilter.safeParse(args.filter);
  if (!parsed.success) throw badUserInput(parsed.error, ['filter']);
  const f = parsed.data;
  const matching = billingReads(ctx.em)
    .selectFrom('Invoice')
    .where('orgId', '=', ctx.org.orgId)
    .$if(Boolean(f?.clientId), (q) => q.where('clientId', '=', f!.clientId!))
    .$if(Boolean(f?.engagementId), (q) => q.where('engagementId', '=', f!.engagementId!))
    .$if(Boolean(f?.status), (q) => q.where('status', '=', f!.status!))
    .$if(Boolean(f?.kind), (q) => q.where('kind', '=', f!.kind!));
  const connection = await pageOfRows({
    page,
    info,
    rows: (limit, after) =>
      matching
        .selectAll()
        .$if(after !== null, (q) =>
          q.where((eb) => eb.or([eb('createdAt', '>', new Date(after!.key)), eb.and([eb('createdAt', '=', new Date(after!.key)), eb('id', '>', after!.id)])])),
        )
        .orderBy('createdAt')
        .orderBy('id')
        .limit(limit)
        .execute(),
    count: () => countRows(matching),
    sortKey: (row) => new Date(row.createdAt).toISOString(),
  });
  // Lines and payments ask for their invoice's currency: the page already has it.
  for (const edge of connection.edges) ctx.loaders.invoice.prime(edge.node.id, edge.node);
  return connection;
}

type Buckets = Record<AgingBucket, Big>;
const emptyBuckets = (): Buckets => Object.fromEntries(AGING_BUCKETS.map((b) => [b, new Big(0)])) as Buckets;
const printBuckets = (b: Buckets) => {
  const total = AGING_BUCKETS.reduce((sum, key) => sum.plus(b[key]), new Big(0));
  return {
    current: formatDecimal(b.CURRENT),
    days1to30: formatDecimal(b.DAYS_1_30),
    days31to60: formatDecimal(b.DAYS_31_60),
    days61to90: formatDecimal(b.DAYS_61_90),
    over90: formatDecimal(b.DAYS_OVER_90),
    total: formatDecimal(total),
    sortKey: total,
  };
};

/** Receivables: open balances in the base currency by days past due, per client and in all. */
export async function receivables(_: unknown, __: unknown, ctx: Context) {
  const [settings, open] = await Promise.all([ctx.loaders.settings(), openBalances(billingReads(ctx.em), ctx.org.orgId)]);
  const asOf = todayIn(ctx.clock.now());
  const totals = emptyBuckets();
  const byClient = new Map<string, { buckets: Buckets; openInvoices: number }>();
  for (const row of open) {
    const bucket = agingBucket(row.dueDate, asOf);
    totals[bucket] = totals[bucket].plus(row.base);
    const client = byClient.get(row.clientId) ?? { buckets: emptyBuckets(), openInvoices: 0 };
    client.buckets[bucket] = client.buckets[bucket].plus(row.base);
    client.openInvoices++;
    byClient.set(row.clientId, client);
  }
  const clients = [...byClient].map(([clientId, c]) => ({ client: { id: clientId }, buckets: printBuckets(c.buckets), openInvoices: c.openInvoices }));
  clients.sort((a, b) => b.buckets.sortKey.cmp(a.buckets.sortKey) || a.client.id.localeCompare(b.client.id));
  return { baseCurrency: settings.baseCurrency, asOf, totals: printBuckets(totals), byClient: clients };
}

/** What one client owes on open invoices, in the base currency. */
export async function clientBalance(client: { id: string }, _: unknown, ctx: Context) {
  const [settings, amount] = await Promise.all([ctx.loaders.settings(), ctx.loaders.openBalanceByClient.load(client.id)]);
  return { amount, currency: settings.baseCurrency };
}

export const exchangeRatesArgs = z.object({ currency });
