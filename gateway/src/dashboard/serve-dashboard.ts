import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Logger } from '@flowledger/shared';

const SOURCE = fileURLToPath(new URL('../../dashboard/src/', import.meta.url));

/** Only the gateway's origin: the page loads its own bundle and talks only to /graphql (HTTP and WebSocket). */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "frame-ancestors 'none'",
].join('; ');

export const DASHBOARD_PATH = '/dashboard';

export interface DashboardOptions {
  /** Where GraphQL is served (the page's queries and socket go there). */
  graphqlPath: string;
  /** Development only: people the sign-in page offers, with their tokens (npm start passes the demo admins'). */
  demoUsers: { name: string; token: string }[];
  log: Logger;
}

/**
 * The live operations dashboard, served by the gateway: its Preact source bundled by esbuild once
 * per process, in memory (a fraction of a second, on the first request for it), from the gateway's
 * own npm dependencies — nothing to build beforehand, nothing fetched from elsewhere at run time.
 */
export function createDashboard(options: DashboardOptions) {
  // Bundled on the first request for it, once per process: a gateway nobody opens the page on
  // (every test's, an API-only deployment's) spends nothing on it.
  let bundle: Promise<Buffer> | null = null;
  const bundled = () =>
    (bundle ??= build({
      entryPoints: [`${SOURCE}main.tsx`],
      bundle: true,
      write: false,
      format: 'esm',
      target: 'es2022',
      minify: true,
      jsx: 'automatic',
      jsxImportSource: 'preact',
      legalComments: 'none',
      logLevel: 'silent',
    }).then(
      (result) => Buffer.from(result.outputFiles[0]!.contents),
      (error: unknown) => {
        options.log.error({ err: error }, 'the dashboard could not be bundled');
        bundle = null;
        throw error;
      },
    ));
  const css = readFileSync(`${SOURCE}style.css`);
  const settings = JSON.stringify({ path: options.graphqlPath }).replace(/</g, '\\u003c');
  const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>FlowLedger — live operations</title>
<link rel="stylesheet" href="${DASHBOARD_PATH}/app.css">
</head>
<body>
<div id="dashboard"></div>
<script id="dashboard-settings" type="application/json">${settings}</script>
<script type="module" src="${DASHBOARD_PATH}/app.js"></script>
</body>
</html>
`;
  const headers = { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
  const send = (res: ServerResponse, type: string, body: string | Buffer, cache = 'no-store') => {
    res.writeHead(200, { ...headers, 'content-type': type, 'cache-control': cache });
    res.end(body);
  };
  return {
    /** Answers a GET under /dashboard; false when the path is none of its own. */
    async handle(res: ServerResponse, pathname: string): Promise<boolean> {
      if (pathname === DASHBOARD_PATH || pathname === `${DASHBOARD_PATH}/`) send(res, 'text/html; charset=utf-8', page);
      else if (pathname === `${DASHBOARD_PATH}/app.js`) send(res, 'text/javascript; charset=utf-8', await bundled());
      else if (pathname === `${DASHBOARD_PATH}/app.css`) send(res, 'text/css; charset=utf-8', css);
      else if (pathname === `${DASHBOARD_PATH}/demo-users` && options.demoUsers.length > 0) {
        send(res, 'application/json; charset=utf-8', JSON.stringify(options.demoUsers));
      } else return false;
      return true;
    },
  };
}
