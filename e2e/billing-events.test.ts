import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startFullGraph } from '@flowledger/devtools/testing';
import type { FullGraph } from '@flowledger/devtools/testing';
import { DEMO } from '@flowledger/access';
import { signContext, withPgClient } from '@flowledger/shared';
import { TEST_SECRETS, waitFor } from '@flowledger/shared/testkit';
import { gql, moveTo, mutate, newPursuit, refuse } from './workstream-helpers.ts';

/** Billing acting on other subgraphs' events: engagements from won pursuits, rates from assignments. */
let graph: FullGraph;

const ENGAGEMENT = `query($id: ID!) { pursuit(id: $id) { name engagement { id name currency budget { amount currency } origin status client { id name } pursuit { id } } } }`;
const engagementOf = async (pursuitId: string, org: 'acme' | 'globex' = 'acme') =>
  (await gql(graph, ENGAGEMENT, { id: pursuitId }, org)).pursuit?.engagement ?? null;
const engagementsFor = (pursuitId: string) =>
  withPgClient(graph.db.ownerUrl, async (client) => (await client.query('select id from billing.engagement where pursuit_id = $1', [pursuitId])).rowCount);

const wonEventsApplied = () =>
  withPgClient(
    graph.db.ownerUrl,
    async (client) => (await client.query(`select count(*)::int as n from billing.event_inbox where type = 'PursuitWon'`)).rows[0].n as number,
  );

async function winPursuit(name: string, amount = '48000.00', currency = 'EUR') {
  const pursuit = await newPursuit(graph, { name, amount, currency });
  await moveTo(graph, pursuit.pursuitId, pursuit.version, ['PINK', 'RED', 'SUBMITTED', 'WON']);
  return pursuit;
}

beforeAll(async () => {
  graph = await startFullGraph();
});
afterAll(() => graph?.close());

describe('a won pursuit opens its engagement', () => {
  test('through the event: once, with the pursuit’s name, value and client, readable as Pursuit.engagement', async () => {
    const won = await winPursuit('Data platform rollout');
    await waitFor(async () => (await engagementOf(won.pursuitId)) !== null, { timeoutMs: 10_000 });
    const engagement = await engagementOf(won.pursuitId);
    expect(engagement).toMatchObject({
      name: 'Data platform rollout',
      currency: 'EUR',
      budget: { amount: '48000.00', currency: 'EUR' },
      origin: 'PURSUIT_WON',
      status: 'ACTIVE',
      client: { id: won.clientId, name: 'Data platform rollout Client' },
      pursuit: { id: won.pursuitId },
    });
  });

  test('billing stopped, a pursuit won, billing started again: the engagement appears', async () => {
    let won: Awaited<ReturnType<typeof winPursuit>> | undefined;
    await graph.restartSubgraph('billing', async () => {
      won = await winPursuit('Won while billing was down', '9000.00', 'GBP');
      // Nothing consumed it yet: billing is not running.
      expect(await engagementsFor(won.pursuitId)).toBe(0);
    });
    await waitFor(async () => (await engagementOf(won!.pursuitId)) !== null, { timeoutMs: 10_000 });
    expect(await engagementOf(won!.pursuitId)).toMatchObject({ name: 'Won while billing was down', currency: 'GBP', origin: 'PURSUIT_WON' });
  });

  test('PursuitWon delivered again (cursor lost, bus replay) still makes one engagement', async () => {
    const won = await winPursuit('Delivered twice');
    await waitFor(async () => (await engagementsFor(won.pursuitId)) === 1, { timeoutMs: 10_000 });
    // Forget every position: the consumer reads the whole feed again from the start.
    await graph.restartSubgraph('billing', () =>
      withPgClient(graph.db.ownerUrl, async (client) => void (await client.query(`delete from billing.event_cursor`))),
    );
    await waitFor(
      () =>
        withPgClient(
          graph.db.ownerUrl,
          async (client) => (await client.query(`select 1 from billing.event_cursor where consumer = 'billing.engagements'`)).rowCount! > 0,
        ),
      { timeoutMs: 10_000 },
    );
    expect(await engagementsFor(won.pursuitId)).toBe(1);
    expect(await wonEventsApplied()).toBeGreaterThanOrEqual(3);
  });

  test('a pursuit with an engagement made by hand keeps it when it is won; a second one is refused', async () => {
    const pursuit = await newPursuit(graph, { name: 'Hand-made first', amount: '1000.00' });
    const made = await mutate(
      graph,
      'createEngagement',
      { clientId: pursuit.clientId, pursuitId: pursuit.pursuitId, name: 'Kick-off', currency: 'EUR', billingModel: 'FIXED_FEE', budget: '1000' },
      'engagement { id origin budget { amount } }',
    );
    expect(made.engagement).toMatchObject({ origin: 'MANUAL', budget: { amount: '1000.00' } });
    const again = await refuse(graph, 'createEngagement', {
      clientId: pursuit.clientId,
      pursuitId: pursuit.pursuitId,
      name: 'Second',
      currency: 'EUR',
      billingModel: 'TIME_AND_MATERIALS',
    });
    expect(again).toEqual([expect.objectContaining({ code: 'DUPLICATE_ENGAGEMENT', field: ['input', 'pursuitId'] })]);
    const before = await wonEventsApplied();
    await moveTo(graph, pursuit.pursuitId, pursuit.version, ['PINK', 'RED', 'SUBMITTED', 'WON']);
    await waitFor(async () => (await wonEventsApplied()) > before, { timeoutMs: 10_000 });
    expect(await engagementsFor(pursuit.pursuitId)).toBe(1);
    expect((await engagementOf(pursuit.pursuitId)).id).toBe(made.engagement.id);
  });
});

describe('across organisations', () => {
  test("another organisation sees neither the engagement nor a pursuit's link to it, and cannot open one on acme's client", async () => {
    const won = await winPursuit('Acme only');
    await waitFor(async () => (await engagementOf(won.pursuitId)) !== null, { timeoutMs: 10_000 });
    const acmeEngagement = await engagementOf(won.pursuitId);
    expect(await gql(graph, `query($id: ID!) { engagement(id: $id) { id } }`, { id: acmeEngagement.id }, 'globex')).toEqual({ engagement: null });
    expect(await engagementOf(won.pursuitId, 'globex')).toBeNull();
    const errors = await refuse(graph, 'createEngagement', { clientId: won.clientId, name: 'Steal', currency: 'EUR', billingModel: 'FIXED_FEE' }, 'globex');
    expect(errors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'clientId'] })]);
    const list = await gql(graph, `{ engagements(first: 50) { edges { node { id } } } }`, {}, 'globex');
    expect(list.engagements.edges.map((e: any) => e.node.id)).not.toContain(acmeEngagement.id);
  });
});

describe('time bills at the assignment’s snapshot, learned from staffing’s events', () => {
  test('an assignment on the won pursuit covers the engagement; a rate card version published later changes nothing billed', async () => {
    const card = await mutate(
      graph,
      'createRateCard',
      { name: 'Delivery 2026', currency: 'EUR', effectiveFrom: '2026-01-01', rates: [{ role: 'CONSULTANT', billRate: '110.00', costRate: '55.00' }] },
      'rateCard { id } version { id }',
    );
    await mutate(graph, 'publishRateCardVersion', { versionId: card.version.id }, 'version { id }');
    const person = await mutate(graph, 'createStaffMember', { name: 'Dana Delivery', email: 'dana@acme.example', role: 'CONSULTANT' }, 'staffMember { id }');
    const staffId = person.staffMember.id;
    const pursuit = await newPursuit(graph, { name: 'Snapshot pursuit', amount: '20000.00' });
    await mutate(
      graph,
      'assignStaff',
      { staffId, pursuitId: pursuit.pursuitId, rateCardId: card.rateCard.id, allocationPercent: '50', startDate: '2026-12-01', endDate: '2026-12-31' },
      'assignment { id }',
    );
    await moveTo(graph, pursuit.pursuitId, pursuit.version, ['PINK', 'RED', 'SUBMITTED', 'WON']);
    await waitFor(async () => (await engagementOf(pursuit.pursuitId)) !== null, { timeoutMs: 10_000 });
    const engagement = await engagementOf(pursuit.pursuitId);
    // A new version with a higher rate, in force from mid-December: the assignment keeps its snapshot.
    const v2 = await mutate(
      graph,
      'createRateCardVersion',
      { rateCardId: card.rateCard.id, effectiveFrom: '2026-12-15', rates: [{ role: 'CONSULTANT', billRate: '999.00', costRate: '55.00' }] },
      'version { id }',
    );
    await mutate(graph, 'publishRateCardVersion', { versionId: v2.version.id }, 'version { id }');
    let entry: { id: string } | undefined;
    await waitFor(
      async () => {
        const { body } = await graph.query({
          query: `mutation($input: LogTimeInput!) { logTime(input: $input) { timeEntry { id } userErrors { code } } }`,
          variables: { input: { engagementId: engagement.id, staffId, date: '2026-12-20', minutes: 90, submit: true } },
        });
        entry = body.data?.logTime?.timeEntry;
        return Boolean(entry);
      },
      { timeoutMs: 10_000 },
    );
    const approved = await mutate(
      graph,
      'approveTime',
      { ids: [entry!.id] },
      'timeEntries { billRate { amount currency } amount { amount } role staffMember { name } }',
    );
    expect(approved.timeEntries[0]).toEqual({
      billRate: { amount: '110.0000', currency: 'EUR' },
      amount: { amount: '165.00' },
      role: 'CONSULTANT',
      staffMember: { name: 'Dana Delivery' },
    });
    const team = await gql(graph, `query($id: ID!) { engagement(id: $id) { team { staffMember { name } rateSnapshot { billRate } } timeEntries { hours } } }`, {
      id: engagement.id,
    });
    // The team on the engagement itself is empty (Dana was assigned on the pursuit); the pursuit's team has Dana.
    expect(team.engagement).toEqual({ team: [], timeEntries: [{ hours: '1.5000' }] });
    const pursuitTeam = await gql(
      graph,
      `query($id: ID!) { pursuit(id: $id) { team { staffMember { name } } engagement { timeEntries { staffMember { name } } } } }`,
      { id: pursuit.pursuitId },
    );
    expect(pursuitTeam.pursuit).toEqual({
      team: [{ staffMember: { name: 'Dana Delivery' } }],
      engagement: { timeEntries: [{ staffMember: { name: 'Dana Delivery' } }] },
    });
  });
});

describe('the event feed', () => {
  test('answers signed system calls only: unsigned 401, signed for an organisation 403, malformed 400', async () => {
    const url = new URL('/internal/events', graph.subgraphs.workstream!.url);
    const call = (body: unknown, context: Parameters<typeof signContext>[0]['context'] | 'none') => {
      const text = JSON.stringify(body);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (context !== 'none') Object.assign(headers, signContext({ secret: TEST_SECRETS.signingSecret, subgraph: 'workstream', context, body: text }));
      return fetch(url, { method: 'POST', headers, body: text });
    };
    const valid = { types: ['PursuitWon'], cursors: {} };
    expect((await call(valid, 'none')).status).toBe(401);
    const orgContext = { orgId: DEMO.acme.id, actor: { type: 'user' as const, id: DEMO.acme.users[0]!.id }, roles: ['ADMIN' as const], requestId: 'feed-test' };
    expect((await call(valid, orgContext)).status).toBe(403);
    expect((await call({ types: ["x'; drop table"], cursors: {} }, null)).status).toBe(400);
    expect((await call({ types: ['PursuitWon'], cursors: { 'not-a-uuid': '1' } }, null)).status).toBe(400);
    const answer = await call(valid, null);
    expect(answer.status).toBe(200);
    const { events } = (await answer.json()) as { events: { type: string; source: string; position: string }[] };
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.type === 'PursuitWon' && e.source === 'workstream')).toBe(true);
    // After the last position nothing more.
    const last = events.at(-1)!;
    const after = await call({ types: ['PursuitWon'], cursors: { [DEMO.acme.id]: last.position } }, null);
    expect(((await after.json()) as { events: unknown[] }).events).toEqual([]);
  });
});
