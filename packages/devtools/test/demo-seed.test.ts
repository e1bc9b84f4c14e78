import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { billingSubgraph } from '@flowledger/billing';
import { createOrm, withPgClient } from '@flowledger/shared';
import type { Orm } from '@flowledger/shared';
import { createTestDatabase } from '@flowledger/shared/testkit';
import type { TestDatabase } from '@flowledger/shared/testkit';
import { markOverdueInvoices } from '../../../subgraphs/billing/src/workers/mark-overdue-invoices.ts';
import { seedDemo } from '../src/prepare-database.ts';

let db: TestDatabase;
const orms: Orm[] = [];
beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemo(db.appUrl, db.systemUrl);
}, 120_000);
afterAll(async () => {
  for (const orm of orms) await orm.close(true);
  await db?.drop();
});

const rows = <T>(sql: string) => withPgClient(db.ownerUrl, async (client) => (await client.query(sql)).rows as T[]);

test('the demo has invoices in every status, a credit note, two currencies, and the overdue one becomes OVERDUE at start', async () => {
  const orm = await createOrm({ name: 'demo:billing', url: db.appUrl, schema: 'billing', entities: billingSubgraph.entities, poolMax: 2 });
  const systemOrm = await createOrm({ name: 'demo:billing:system', url: db.systemUrl, schema: 'billing', entities: billingSubgraph.entities, poolMax: 1 });
  orms.push(orm, systemOrm);
  await markOverdueInvoices({ orm, systemOrm, now: new Date() });
  const statuses = await rows<{ kind: string; status: string; currency: string }>(
    `select distinct kind, status, currency from billing.invoice order by 1, 2, 3`,
  );
  expect(statuses).toEqual(
    expect.arrayContaining([
      { kind: 'INVOICE', status: 'DRAFT', currency: 'EUR' },
      { kind: 'INVOICE', status: 'OVERDUE', currency: 'EUR' },
      { kind: 'INVOICE', status: 'PAID', currency: 'EUR' },
      { kind: 'INVOICE', status: 'PARTIALLY_PAID', currency: 'EUR' },
      { kind: 'INVOICE', status: 'VOID', currency: 'EUR' },
      { kind: 'INVOICE', status: 'ISSUED', currency: 'EUR' },
      { kind: 'INVOICE', status: 'ISSUED', currency: 'GBP' },
      { kind: 'CREDIT_NOTE', status: 'ISSUED', currency: 'EUR' },
    ]),
  );
  const [gbp] = await rows<{ exchange_rate: string; client_name: string; issuer_name: string }>(
    `select exchange_rate, client_name, issuer_name from billing.invoice where currency = 'GBP'`,
  );
  expect(gbp).toMatchObject({ exchange_rate: '1.16500000', issuer_name: 'Acme Advisory GmbH' });
  expect(gbp!.client_name).toBeTruthy();
  const [time] = await rows<{ approved: number; billed: number }>(
    `select count(*) filter (where status = 'APPROVED')::int as approved, count(invoice_id)::int as billed from billing.time_entry`,
  );
  expect(time!.approved).toBeGreaterThan(30);
  expect(time!.billed).toBeGreaterThan(0);
});

test('the demo has tracked mail with human, machine and bot hits, and first opens announced', async () => {
  const [counts] = await rows<{ messages: number; human: number; machine: number; bots: number; events: number; proposals: number }>(
    `select (select count(*)::int from tracking.tracked_message) as messages,
            (select count(*)::int from tracking.tracking_hit where not is_bot and not machine) as human,
            (select count(*)::int from tracking.tracking_hit where machine) as machine,
            (select count(*)::int from tracking.tracking_hit where is_bot) as bots,
            (select count(*)::int from tracking.outbox_event where type = 'EngagementRecorded') as events,
            (select count(*)::int from tracking.tracked_message where proposal_id is not null) as proposals`,
  );
  expect(counts!.messages).toBeGreaterThanOrEqual(4);
  expect(counts!.human).toBeGreaterThan(0);
  expect(counts!.machine).toBeGreaterThan(0);
  expect(counts!.bots).toBeGreaterThan(counts!.messages);
  expect(counts!.events).toBeGreaterThan(0);
  expect(counts!.proposals).toBeGreaterThan(0);
});
