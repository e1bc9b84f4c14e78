import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startFullGraph } from '@flowledger/devtools/testing';
import type { FullGraph } from '@flowledger/devtools/testing';
import { DEMO } from '@flowledger/access';
import { createSignedLinks, withPgClient } from '@flowledger/shared';
import { tokenText } from '../subgraphs/tracking/src/domain/tracking-token.ts';
import { TEST_SECRETS, waitFor } from '@flowledger/shared/testkit';
import { subscribe, untilSubscribed } from '../gateway/test/subscription-client.ts';
import { gql, mutate, newPursuit, refuse } from './workstream-helpers.ts';

/** Tracking through the gateway and its public routes: signed pixels and clicks, bots apart, tenancy. */
let graph: FullGraph;
const HUMAN = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
const MESSAGE = 'trackedMessage { id pixelUrl links { position url trackedUrl } }';

beforeAll(async () => {
  graph = await startFullGraph();
});
afterAll(() => graph?.close());

async function newContact(org: 'acme' | 'globex' = 'acme') {
  const client = await mutate(graph, 'createClient', { name: `Tracked ${Math.random().toString(36).slice(2, 7)}` }, 'client { id }', org);
  const contact = await mutate(
    graph,
    'createContact',
    { clientId: client.client.id, firstName: 'Tia', lastName: 'Tracked', email: `tia.${Math.random().toString(36).slice(2, 7)}@example.com` },
    'contact { id }',
    org,
  );
  return contact.contact.id as string;
}

async function register(options: { contactId: string; links?: string[]; sentAt?: string; pursuitId?: string; proposalId?: string; org?: 'acme' | 'globex' }) {
  const made = await mutate(
    graph,
    'registerMessage',
    {
      contactId: options.contactId,
      pursuitId: options.pursuitId,
      proposalId: options.proposalId,
      subject: 'Our proposal',
      sentAt: options.sentAt ?? new Date(Date.now() - 3600_000).toISOString(),
      links: options.links,
    },
    MESSAGE,
    options.org,
  );
  return made.trackedMessage as { id: string; pixelUrl: string; links: { position: number; url: string; trackedUrl: string }[] };
}

const hit = (url: string, init: RequestInit & { ua?: string } = {}) =>
  fetch(url, { redirect: 'manual', ...init, headers: { 'user-agent': init.ua ?? HUMAN, ...(init.headers ?? {}) } });
const STATS = 'opens uniqueOpens machineOpens clicks uniqueClicks botHits firstOpenAt lastOpenAt';
const statsOf = async (id: string, includeBots = false, org: 'acme' | 'globex' = 'acme') =>
  (await gql(graph, `query($id: ID!, $b: Boolean) { trackedMessage(id: $id) { stats(includeBots: $b) { ${STATS} } } }`, { id, b: includeBots }, org))
    .trackedMessage?.stats;
const hitsStored = (messageId: string) =>
  withPgClient(
    graph.db.ownerUrl,
    async (client) => (await client.query('select count(*)::int as n from tracking.tracking_hit where message_id = $1', [messageId])).rows[0].n as number,
  );

describe('the pixel and the click', () => {
  test('a human open answers a no-cache GIF and counts; a click redirects to the registered URL only', async () => {
    const message = await register({ contactId: await newContact(), links: ['https://example.com/proposal?id=7', 'https://example.com/pricing'] });
    expect(message.pixelUrl).toMatch(/\/t\/o\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    const open = await hit(message.pixelUrl);
    expect(open.status).toBe(200);
    expect(open.headers.get('content-type')).toBe('image/gif');
    expect(open.headers.get('cache-control')).toMatch(/no-store/);
    expect(
      Buffer.from(await open.arrayBuffer())
        .subarray(0, 6)
        .toString(),
    ).toBe('GIF89a');
    const click = await hit(message.links[0]!.trackedUrl);
    expect(click.status).toBe(302);
    expect(click.headers.get('location')).toBe('https://example.com/proposal?id=7');
    await hit(message.pixelUrl);
    await hit(message.links[0]!.trackedUrl);
    await hit(message.links[1]!.trackedUrl);
    expect(await statsOf(message.id)).toMatchObject({ opens: 2, uniqueOpens: 1, machineOpens: 0, clicks: 3, uniqueClicks: 2, botHits: 0 });
  });

  test('forged, altered or expired tokens write nothing; malformed ones and odd methods get 4xx, never 500', async () => {
    const message = await register({ contactId: await newContact(), links: ['https://example.com/a'] });
    const pixel = new URL(message.pixelUrl);
    const [body, mac] = pixel.pathname.slice('/t/o/'.length).split('.');
    const altered = `${pixel.origin}/t/o/${body!.slice(0, -2)}AA.${mac}`;
    expect((await hit(altered)).status).toBe(200); // still a GIF
    const forgedClick = `${pixel.origin}/t/c/${Buffer.from(`v1|c|x|y|1|9999999999|0|https://evil.example`).toString('base64url')}.${'A'.repeat(22)}`;
    expect((await hit(forgedClick)).status).toBe(404);
    expect((await hit(`${pixel.origin}/t/c/${body}.${mac}`)).status).toBe(404); // an open token is no click
    expect((await hit(`${pixel.origin}/t/o/not-a-token`)).status).toBe(400);
    expect((await hit(`${pixel.origin}/t/o/${'a'.repeat(20_000)}`)).status).toBeGreaterThanOrEqual(400);
    expect((await hit(`${pixel.origin}/t/c/${'%00'.repeat(300)}`)).status).toBe(404);
    expect((await hit(message.pixelUrl, { method: 'POST' })).status).toBe(405);
    expect((await hit(message.pixelUrl, { method: 'DELETE' })).status).toBe(405);
    expect(await hitsStored(message.id)).toBe(0);
    // A token sealed with the right key but naming another organisation than the message's: nothing stored.
    const links = createSignedLinks({ secret: TEST_SECRETS.signingSecret, subgraph: 'tracking', publicUrl: () => pixel.origin });
    const now = Math.floor(Date.now() / 1000);
    const crossed = links.url(
      `/t/o/${links.seal(tokenText({ kind: 'OPEN', orgId: DEMO.globex.id, messageId: message.id, sentAt: now - 3600, expiresAt: now + 3600 }))}`,
    );
    expect((await hit(crossed)).status).toBe(200);
    expect(await hitsStored(message.id)).toBe(0);
    // An expired token: sent 401 days ago.
    const old = await register({ contactId: await newContact(), sentAt: new Date(Date.now() - 401 * 86_400_000).toISOString() });
    expect((await hit(old.pixelUrl)).status).toBe(200);
    expect(await hitsStored(old.id)).toBe(0);
  });

  test('HEAD and prefetches are not counted; scanners and user-agent-less hits are bots, kept apart with their reasons', async () => {
    const message = await register({ contactId: await newContact(), links: ['https://example.com/1', 'https://example.com/2', 'https://example.com/3'] });
    expect((await hit(message.pixelUrl, { method: 'HEAD' })).status).toBe(200);
    await hit(message.pixelUrl, { headers: { purpose: 'prefetch' } });
    await hit(message.pixelUrl, { headers: { 'sec-purpose': 'prefetch;prerender' } });
    expect(await hitsStored(message.id)).toBe(0);
    await hit(message.pixelUrl, { ua: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' });
    await hit(message.pixelUrl, { ua: '' });
    await hit(message.pixelUrl, { ua: 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)' });
    // A scanner following every link within seconds.
    for (const link of message.links) await hit(link.trackedUrl);
    expect(await statsOf(message.id)).toMatchObject({ opens: 0, uniqueOpens: 0, machineOpens: 1, clicks: 2, botHits: 3 });
    const all = await statsOf(message.id, true);
    expect(all).toMatchObject({ opens: 3, clicks: 3, botHits: 3 });
    const events = await gql(
      graph,
      `query($id: ID!) { trackedMessage(id: $id) { events(includeBots: true) { kind isBot machine reasons link { position } } } }`,
      { id: message.id },
    );
    const reasons = events.trackedMessage.events.map((e: any) => [e.kind, e.isBot, e.machine, e.reasons]);
    expect(reasons).toEqual(
      expect.arrayContaining([
        ['OPEN', true, false, ['SCANNER_USER_AGENT']],
        ['OPEN', true, false, ['NO_USER_AGENT']],
        ['OPEN', false, true, ['GMAIL_IMAGE_PROXY']],
        ['CLICK', true, false, ['LINK_SCANNER']],
      ]),
    );
  });
});

describe('stats across subgraphs', () => {
  test('Contact.engagement and pursuits with their engagementStats, the same SQL for 2 and 6 pursuits', async () => {
    const contactId = await newContact();
    const pursuits: string[] = [];
    for (let i = 0; i < 6; i++) {
      const p = await newPursuit(graph, { name: `Tracked bid ${i}` });
      pursuits.push(p.pursuitId);
      const message = await register({ contactId, pursuitId: p.pursuitId });
      for (let n = 0; n <= i % 3; n++) await hit(message.pixelUrl);
    }
    const contact = await gql(graph, `query($id: ID!) { contact(id: $id) { engagement { opens uniqueOpens } } }`, { id: contactId });
    expect(contact.contact.engagement).toEqual({ opens: 1 + 2 + 3 + 1 + 2 + 3, uniqueOpens: 6 });
    const count = async (first: number) => {
      const before = await import('@flowledger/shared').then((s) => s.countedQueries('tracking'));
      const data = await gql(graph, `query($first: Int) { pursuits(first: $first) { edges { node { id engagementStats { opens } } } } }`, { first });
      const after = (await import('@flowledger/shared')).countedQueries('tracking');
      return { statements: after - before, data };
    };
    const small = await count(2);
    const large = await count(6);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(4);
  });
});

describe('a proposal opened', () => {
  test('the first human open stamps Proposal.firstViewedAt through EngagementRecorded, once — also when workstream was stopped then', async () => {
    const pursuit = await newPursuit(graph, { name: 'Viewed bid' });
    const proposal = (await mutate(graph, 'createProposal', { pursuitId: pursuit.pursuitId, title: 'Viewed proposal' }, 'proposal { id }')).proposal;
    const message = await register({ contactId: await newContact(), pursuitId: pursuit.pursuitId, proposalId: proposal.id });
    const viewedAt = async () =>
      (await gql(graph, `query($id: ID!) { pursuit(id: $id) { proposals { id firstViewedAt } } }`, { id: pursuit.pursuitId })).pursuit.proposals[0]
        .firstViewedAt;
    // A bot and a privacy proxy first: neither is a view.
    await hit(message.pixelUrl, { ua: 'curl/8.5.0' });
    await hit(message.pixelUrl, { ua: 'Mozilla/5.0 (via ggpht.com GoogleImageProxy)' });
    let opened = '';
    await graph.restartSubgraph('workstream', async () => {
      const before = Date.now();
      await hit(message.pixelUrl);
      opened = new Date(before).toISOString();
    });
    await waitFor(async () => (await viewedAt()) !== null, { timeoutMs: 10_000 });
    const first = await viewedAt();
    expect(Date.parse(first)).toBeGreaterThanOrEqual(Date.parse(opened) - 1000);
    await hit(message.pixelUrl);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await viewedAt()).toBe(first);
    const events = await withPgClient(
      graph.db.ownerUrl,
      async (client) =>
        (await client.query(`select payload->>'kind' as kind from tracking.outbox_event where aggregate_id = $1 and type = 'EngagementRecorded'`, [message.id]))
          .rows,
    );
    expect(events).toEqual([{ kind: 'FIRST_OPEN' }]);
  });
});

describe('the today panel', () => {
  test('a sent proposal whose mail the client opened comes up as "proposal opened — follow up"', async () => {
    const pursuit = await newPursuit(graph, { name: 'Follow-up bid' });
    const proposal = (await mutate(graph, 'createProposal', { pursuitId: pursuit.pursuitId, title: 'Follow-up proposal' }, 'proposal { id }')).proposal;
    await mutate(graph, 'sendProposal', { id: proposal.id }, 'proposal { id }');
    const panel = async () =>
      (await gql(graph, `{ today(filter: { everyone: true }, first: 250) { reason proposalViewedAt pursuit { id } } }`)).today.find(
        (i: any) => i.pursuit?.id === pursuit.pursuitId,
      );
    expect((await panel()).reason).toMatch(/^pursuit in /);
    const message = await register({ contactId: await newContact(), pursuitId: pursuit.pursuitId, proposalId: proposal.id });
    await hit(message.pixelUrl);
    await waitFor(async () => (await panel()).proposalViewedAt !== null, { timeoutMs: 10_000 });
    expect((await panel()).reason).toBe('proposal opened — follow up');
  });
});

describe('engagementRecorded and the timeline', () => {
  test('a dashboard hears first opens and clicks live, once each; the timeline counts them by day; another organisation hears and sees nothing', async () => {
    const query = 'subscription { engagementRecorded { kind message { subject } contact { id } } }';
    const acme = subscribe({ url: graph.gatewayUrl, token: await graph.token('acme'), query });
    const globex = subscribe({ url: graph.gatewayUrl, token: await graph.token('globex'), query });
    await untilSubscribed(graph.gateway!.hub!, 2);
    try {
      const contactId = await newContact();
      const message = await register({ contactId, links: ['https://example.com/x'] });
      await hit(message.pixelUrl);
      await hit(message.pixelUrl);
      await hit(message.links[0]!.trackedUrl);
      await waitFor(() => acme.received.length >= 2, { timeoutMs: 5000 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(acme.received.map((r) => r.data.engagementRecorded)).toEqual([
        { kind: 'FIRST_OPEN', message: { subject: 'Our proposal' }, contact: { id: contactId } },
        { kind: 'FIRST_CLICK', message: { subject: 'Our proposal' }, contact: { id: contactId } },
      ]);
      expect(globex.received).toEqual([]);
      const timeline = await gql(graph, `query($id: ID!) { engagementTimeline(subject: { messageId: $id }, bucket: DAY) { start opens clicks } }`, {
        id: message.id,
      });
      expect(timeline.engagementTimeline).toEqual([{ start: `${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`, opens: 2, clicks: 1 }]);
      const other = await gql(
        graph,
        `query($id: ID!) { engagementTimeline(subject: { messageId: $id }, bucket: HOUR) { opens } engagementRecordedEvents(first: 250) { edges { node { id } } } }`,
        { id: message.id },
        'globex',
      );
      expect(other).toEqual({ engagementTimeline: [], engagementRecordedEvents: { edges: [] } });
      const { status, body } = await graph.query({ query: `{ engagementTimeline(subject: {}, bucket: DAY) { opens } }` });
      expect([status, body.errors?.[0]?.extensions?.code]).toEqual([200, 'BAD_USER_INPUT']);
    } finally {
      await acme.dispose();
      await globex.dispose();
    }
  });
});

describe('across organisations', () => {
  test("another organisation cannot track mail to acme's contact, read acme's messages or stats", async () => {
    const contactId = await newContact();
    const message = await register({ contactId });
    await hit(message.pixelUrl);
    expect((await refuse(graph, 'registerMessage', { contactId, subject: 'x' }, 'globex'))[0]).toMatchObject({
      code: 'NOT_FOUND',
      field: ['input', 'contactId'],
    });
    expect(await gql(graph, `query($id: ID!) { trackedMessage(id: $id) { id } }`, { id: message.id }, 'globex')).toEqual({ trackedMessage: null });
    expect(await gql(graph, `query($id: ID!) { contact(id: $id) { id } }`, { id: contactId }, 'globex')).toEqual({ contact: null });
    await waitFor(async () => (await hitsStored(message.id)) === 1);
  });
});
