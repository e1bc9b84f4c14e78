/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { watchRequests } from './browser.ts';

/** GraphiQL 3 keeps a CodeMirror 5 instance on each editor's element: the test writes the editors through it. */
const setEditor = ([selector, text]: [string, string]) => {
  const element = document.querySelector(selector) as (Element & { CodeMirror?: { setValue(value: string): void } }) | null;
  if (!element?.CodeMirror) throw new Error(`no editor at ${selector}`);
  element.CodeMirror.setValue(text);
};
const resultText = () => (document.querySelector('.result-window') as HTMLElement | null)?.innerText ?? '';

/**
 * Opens GraphiQL at the gateway's URL the way a person does, runs its default query with the token
 * it was given, then a subscription, and waits for the event `trigger` causes. Returns what the
 * person saw and every address the page reached beyond the gateway (none, when it works offline).
 */
export async function useGraphiQL(browser: Browser, gatewayUrl: string, trigger: () => Promise<void>) {
  const page = await browser.newPage();
  const requests = watchRequests(page);
  try {
    await page.goto(gatewayUrl);
    await page.waitForSelector('.graphiql-container .graphiql-query-editor .CodeMirror', { timeout: 20_000 });
    // The variables and headers editors, whichever tab is showing.
    const headers = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.graphiql-editor-tool .CodeMirror'))
        .map((element) => (element as Element & { CodeMirror?: { getValue(): string } }).CodeMirror?.getValue() ?? '')
        .join('\n'),
    );
    await page.click('.graphiql-execute-button');
    await page.waitForFunction(() => /organization/.test((document.querySelector('.result-window') as HTMLElement | null)?.innerText ?? ''), null, {
      timeout: 10_000,
    });
    const queryResult = await page.evaluate(resultText);
    await page.evaluate(setEditor, [
      '.graphiql-query-editor .CodeMirror',
      'subscription Triaged { candidateStatusChanged(filter: { statuses: [TRIAGED] }) { to } }',
    ] as [string, string]);
    // GraphiQL reads the operation's name from the editor a moment after a change.
    await page.waitForTimeout(750);
    await page.click('.graphiql-execute-button');
    // The socket is open once the gateway acknowledged it; then the event is caused.
    await page.waitForEvent('websocket', { timeout: 5_000 }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await trigger();
    await page
      .waitForFunction(() => /TRIAGED/.test((document.querySelector('.result-window') as HTMLElement | null)?.innerText ?? ''), null, { timeout: 10_000 })
      .catch(async (error: unknown) => {
        mkdirSync('test-results', { recursive: true });
        await page.screenshot({ path: 'test-results/graphiql-failed.png' });
        throw new Error(`no event in GraphiQL's result pane; it shows: ${await page.evaluate(resultText)}`, { cause: error });
      });
    const subscriptionResult = await page.evaluate(resultText);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/graphiql.png' });
    return { headers, queryResult, subscriptionResult, elsewhere: requests.elsewhere(gatewayUrl) };
  } finally {
    await page.close();
  }
}
