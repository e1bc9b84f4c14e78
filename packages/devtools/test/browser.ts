import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

/** The distribution's Chromium (.ci/run installs it); a browser download from elsewhere fails here. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);
export const noChromium = `skipped: no Chromium at ${chromiumPath}; set CHROMIUM_PATH`;

/** Headless, and quiet on the network: without these flags Chromium calls Google's hosts at start. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Every URL the page asked for (requests and WebSockets), to prove it reached nothing but `origin`. */
export function watchRequests(page: Page): { elsewhere(origin: string): string[] } {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  page.on('websocket', (socket) => urls.push(socket.url()));
  return {
    elsewhere: (origin) => urls.filter((url) => new URL(url).host !== new URL(origin).host && !url.startsWith('data:')),
  };
}
