import { DEMO, seedAccess } from '@flowledger/access';
import { Client, seedCrm } from '@flowledger/crm';
import { seedBilling, seedEngagements } from '@flowledger/billing';
import { seedDeliveryTeams, seedStaffing } from '@flowledger/staffing';
import { seedTracking } from '@flowledger/tracking';
import { seedWorkstream } from '@flowledger/workstream';
import { createOrm, ensureAppRole, ensureGivenAppRole, ensureSystemRole, grantAppRole, inOrgScope, migrateSchema } from '@flowledger/shared';
import type { Orm } from '@flowledger/shared';
import { loadSubgraphs } from './subgraphs.ts';

/** Migrates every subgraph's schema as the owner and lets the application role use them. */
export async function prepareDatabase(options: {
  ownerUrl: string;
  appUrl?: string;
  systemUrl?: string;
}): Promise<{ appUrl: string; systemUrl: string; applied: string[] }> {
  const SUBGRAPHS = await loadSubgraphs();
  const applied: string[] = [];
  for (const { definition } of SUBGRAPHS) {
    applied.push(...(await migrateSchema({ ownerUrl: options.ownerUrl, schema: definition.dbSchema, migrations: definition.migrations })));
  }
  if (options.appUrl) await ensureGivenAppRole(options.ownerUrl, options.appUrl);
  const appUrl = options.appUrl ?? (await ensureAppRole(options.ownerUrl));
  const systemUrl = await ensureSystemRole(options.ownerUrl, options.systemUrl);
  const schemas = SUBGRAPHS.map(({ definition }) => definition.dbSchema);
  await grantAppRole(options.ownerUrl, appUrl, schemas);
  await grantAppRole(options.ownerUrl, systemUrl, schemas);
  return { appUrl, systemUrl, applied };
}

/** The demo organisations, people and data; idempotent, run as the application role like any write. */
export async function seedDemo(appUrl: string, systemUrl: string): Promise<void> {
  const SUBGRAPHS = await loadSubgraphs();
  const orms: Record<string, Orm> = {};
  try {
    orms.system = await createOrm({ name: 'seed:system', url: systemUrl, schema: 'workstream', entities: [], poolMax: 1 });
    for (const { definition } of SUBGRAPHS) {
      orms[definition.name] = await createOrm({
        name: `seed:${definition.name}`,
        url: appUrl,
        schema: definition.dbSchema,
        entities: definition.entities,
        poolMax: 2,
      });
    }
    await seedAccess(orms.access!);
    await seedCrm(orms.crm!, { acme: DEMO.acme.id, globex: DEMO.globex.id });
    const clientIds = (orgId: string) =>
      inOrgScope(orms.crm!, orgId, async (em) => (await em.find(Client, {}, { orderBy: { name: 'asc' }, limit: 12 })).map((c) => c.id));
    await seedWorkstream({
      workstream: orms.workstream!,
      system: orms.system,
      clients: { acme: await clientIds(DEMO.acme.id), globex: await clientIds(DEMO.globex.id) },
      acme: DEMO.acme,
      globex: DEMO.globex,
    });
    // Staffing's bid teams go on acme's open pursuits, read from the workstream like any reference.
    const openPursuits = await inOrgScope(orms.workstream!, DEMO.acme.id, (em) =>
      em.execute<{ id: string }[]>(`select id from workstream.pursuit where stage not in ('WON', 'LOST') order by id`),
    );
    await seedStaffing({ staffing: orms.staffing!, orgId: DEMO.acme.id, adminId: DEMO.acme.users[0]!.id, pursuitIds: openPursuits.map((p) => p.id) });
    // Billing's engagements come from acme's won pursuits, as PursuitWon opens them.
    const wonPursuits = await inOrgScope(orms.workstream!, DEMO.acme.id, (em) =>
      em.execute<{ id: string; client_id: string; name: string; value_amount: string | null; value_currency: string | null }[]>(
        `select id, client_id, name, value_amount, value_currency from workstream.pursuit where stage = 'WON' order by id`,
      ),
    );
    const engagementIds = await seedEngagements({
      billing: orms.billing!,
      orgId: DEMO.acme.id,
      wonPursuits: wonPursuits.map((p) => ({
        id: p.id,
        clientId: p.client_id,
        name: p.name,
        value: p.value_amount && p.value_currency ? { amount: p.value_amount, currency: p.value_currency } : null,
      })),
    });
    // Their delivery teams in staffing; billing learns the snapshots as it would from AssignmentCreated.
    await seedDeliveryTeams({ staffing: orms.staffing!, orgId: DEMO.acme.id, adminId: DEMO.acme.users[0]!.id, engagementIds });
    const assignments = await inOrgScope(orms.staffing!, DEMO.acme.id, (em) =>
      em.execute<{ id: string; payload: Record<string, unknown> }[]>(
        `select aggregate_id as id, payload from staffing.outbox_event where type = 'AssignmentCreated' and payload->>'engagementId' is not null order by occurred_at`,
      ),
    );
    const clientNames = await inOrgScope(orms.crm!, DEMO.acme.id, async (em) => Object.fromEntries((await em.find(Client, {})).map((c) => [c.id, c.name])));
    await seedBilling({
      billing: orms.billing!,
      orgId: DEMO.acme.id,
      adminId: DEMO.acme.users[0]!.id,
      engagementIds,
      clientNames,
      assignments: assignments.map((a) => ({
        id: a.id,
        position: '0',
        orgId: DEMO.acme.id,
        source: 'staffing',
        type: 'AssignmentCreated',
        aggregateType: 'Assignment',
        aggregateId: a.id,
        seq: 1,
        occurredAt: new Date().toISOString(),
        payload: a.payload,
      })),
    });
    // Tracked mail for acme's pursuits (their proposals where they have one), to a contact of each client.
    const mails = await inOrgScope(orms.workstream!, DEMO.acme.id, (em) =>
      em.execute<{ pursuit_id: string; client_id: string; proposal_id: string | null; name: string }[]>(
        `select p.id as pursuit_id, p.client_id, p.name, (select pr.id from workstream.proposal pr where pr.pursuit_id = p.id order by pr.version desc limit 1) as proposal_id
         from workstream.pursuit p order by p.created_at limit 8`,
      ),
    );
    const contacts = await inOrgScope(orms.crm!, DEMO.acme.id, (em) =>
      em.execute<{ id: string; client_id: string | null }[]>(
        `select c.id, (select p.client_id from crm.position p where p.contact_id = c.id limit 1) as client_id from crm.contact c order by c.id`,
      ),
    );
    await seedTracking({
      tracking: orms.tracking!,
      orgId: DEMO.acme.id,
      adminId: DEMO.acme.users[0]!.id,
      mails: mails.flatMap((m, i) => {
        const contact = contacts.find((c) => c.client_id === m.client_id) ?? contacts[i % Math.max(contacts.length, 1)];
        return contact ? [{ contactId: contact.id, pursuitId: m.pursuit_id, proposalId: m.proposal_id, subject: `${m.name}: our proposal` }] : [];
      }),
    });
  } finally {
    for (const orm of Object.values(orms)) await orm.close(true);
  }
}
