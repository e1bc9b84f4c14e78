/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { startFullGraph } from '../src/testing/start-full-graph.ts';
import type { FullGraph } from '../src/testing/start-full-graph.ts';
import { seedDemo } from '../src/prepare-database.ts';
import { hasChromium, launchChromium, noChromium } from './browser.ts';
import { newPursuit } from '../../../e2e/workstream-helpers.ts';

/**
 * The live dashboard in a real Chromium, against a graph with the demo data: what a person at the
 * wall sees when a pursuit moves, when the connection drops, and that another firm's cards never show.
 */
let graph: FullGraph;
let browser: Browser;
let tokens: { acme: string; globex: string };

beforeAll(async () => {
  if (!hasChromium) return;
  graph = await startFullGraph();
  tokens = { acme: await graph.token('acme'), globex: await graph.token('globex') };
  await seedDemo(graph.db.appUrl, graph.db.systemUrl);
  // Globex's demo has no pursuits of its own: one, so its wall has a card.
  await newPursuit(graph, { org: 'globex', name: 'Globex own pursuit', amount: '1000', currency: 'USD' });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await graph?.close();
});

const dashboardUrl = () => graph.gatewayUrl.replace(/\/graphql$/, '/dashboard');

async function signedIn(token: string, theme = 'light'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(`${dashboardUrl()}?theme=${theme}`);
  await page.fill('input[name=token]', token);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-connection=live]', { timeout: 15_000 });
  await page.waitForSelector('.card', { timeout: 15_000 });
  return page;
}

async function gql(query: string, variables: Record<string, unknown> = {}) {
  const { body } = await graph.query({ query, variables });
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** A new pursuit of `org` (in QUALIFY, worth 50,000 EUR), to move. */
async function qualifyingPursuit(org: 'acme' | 'globex' = 'acme'): Promise<{ id: string; version: number; name: string }> {
  const name = `Wall test ${Math.random().toString(36).slice(2, 7)}`;
  const made = await newPursuit(graph, { org, name, amount: '50000', currency: 'EUR' });
  return { id: made.pursuitId, version: made.version, name };
}

const move = (pursuit: { id: string; version: number }, to: string) =>
  gql('mutation($input: TransitionPursuitInput!) { transitionPursuit(input: $input) { pursuit { stage } userErrors { code message } } }', {
    input: { id: pursuit.id, to, expectedVersion: pursuit.version },
  }).then((data) => {
    if (data.transitionPursuit.userErrors.length) throw new Error(JSON.stringify(data.transitionPursuit.userErrors));
  });

const columnOf = (page: Page, pursuitId: string) =>
  page.evaluate((id) => document.querySelector(`[data-pursuit="${id}"]`)?.closest('[data-stage]')?.getAttribute('data-stage') ?? null, pursuitId);
const countOf = (page: Page, stage: string) => page.locator(`[data-testid=count-${stage}]`).innerText().then(Number);

(hasChromium ? describe : describe.skip)(hasChromium ? 'the live dashboard' : `the live dashboard (${noChromium})`, () => {
  test('a pursuit moved through the API moves on the wall within a second, with its column counts; a lost connection is said and caught up', async () => {
    const pursuit = await qualifyingPursuit();
    const page = await signedIn(tokens.acme);
    await page.waitForSelector('text=Acme Consulting');
    expect(await columnOf(page, pursuit.id)).toBe('QUALIFY');
    // The tiles from billing and staffing, beside the workstream's board.
    await page.waitForFunction(() => /^\d+ %$/.test((document.querySelector('[data-testid=utilization]') as HTMLElement | null)?.innerText ?? ''), null, {
      timeout: 5000,
    });
    expect(await page.locator('.tile').first().innerText()).toMatch(/^RECEIVABLES\s+€[\d,]+/);
    const before = { qualify: await countOf(page, 'QUALIFY'), pink: await countOf(page, 'PINK') };
    const pinkTotals = await page.locator('[data-testid=totals-PINK]').innerText();

    const sent = Date.now();
    await move(pursuit, 'PINK');
    await page.waitForFunction(
      (id) => document.querySelector(`[data-pursuit="${id}"]`)?.closest('[data-stage]')?.getAttribute('data-stage') === 'PINK',
      pursuit.id,
      {
        timeout: 1000,
      },
    );
    const tookMs = Date.now() - sent;
    expect(tookMs).toBeLessThan(1000);
    expect(await countOf(page, 'QUALIFY')).toBe(before.qualify - 1);
    expect(await countOf(page, 'PINK')).toBe(before.pink + 1);
    expect(await page.locator('[data-testid=totals-PINK]').innerText()).not.toBe(pinkTotals);

    // The gateway drops every socket; the page says so, and meanwhile another pursuit moves.
    const other = await qualifyingPursuit();
    await page.waitForFunction((id) => document.querySelector(`[data-pursuit="${id}"]`) !== null, other.id, { timeout: 5000 }).catch(() => undefined);
    for (const connection of (graph.gateway as unknown as { sockets: { connections: Set<{ socket: { terminate(): void } }> } }).sockets.connections) {
      connection.socket.terminate();
    }
    await page.waitForSelector('[data-connection=lost]', { timeout: 5000 });
    await move(other, 'PINK');
    // graphql-ws comes back on its own (a second or more); the page reads what it missed.
    await page.waitForSelector('text=/caught up 1 missed event/', { timeout: 15_000 });
    expect(await columnOf(page, other.id)).toBe('PINK');
    expect(await page.locator('[data-testid=activity] [data-caught-up=yes]').innerText()).toContain(other.name);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/dashboard.png', fullPage: true });
    await page.close();
  }, 60_000);

  test("globex's wall shows globex's cards only, never acme's, also as acme's pursuits move", async () => {
    const page = await signedIn(tokens.globex, 'dark');
    await page.waitForSelector('text=Globex');
    const acmeIds = (await gql('{ pursuits(first: 200) { edges { node { id } } } }')).pursuits.edges.map((edge: any) => edge.node.id as string);
    const pursuit = await qualifyingPursuit();
    await move(pursuit, 'PINK');
    // Give an acme event every chance to arrive, then look for any acme card.
    await page.waitForTimeout(1000);
    const shown = await page.evaluate(() => Array.from(document.querySelectorAll('[data-pursuit]')).map((card) => card.getAttribute('data-pursuit')!));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.filter((id) => acmeIds.includes(id))).toEqual([]);
    expect(await page.locator('[data-testid=activity] li').count()).toBe(0);
    await page.screenshot({ path: 'test-results/dashboard-dark.png' });
    await page.close();
  }, 60_000);
});
