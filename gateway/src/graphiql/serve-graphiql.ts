import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
/** A file inside an installed package: the bundles are not in the packages' `exports`, their package.json is. */
const inPackage = (name: string, file: string) => join(dirname(require.resolve(`${name}/package.json`)), file);

/** The files the page loads, from the gateway's own npm dependencies (a firm's network may have no CDN). */
const ASSETS: Record<string, { file: string; type: string }> = {
  'graphiql.min.js': { file: inPackage('graphiql', 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.min.css': { file: inPackage('graphiql', 'graphiql.min.css'), type: 'text/css' },
  'react.production.min.js': { file: inPackage('react', 'umd/react.production.min.js'), type: 'text/javascript' },
  'react-dom.production.min.js': { file: inPackage('react-dom', 'umd/react-dom.production.min.js'), type: 'text/javascript' },
  'boot.js': { file: fileURLToPath(new URL('./boot.js', import.meta.url)), type: 'text/javascript' },
};

/** Only the gateway's own origin: GraphiQL loads nothing from elsewhere, and talks only to /graphql (HTTP and WebSocket). */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // GraphiQL's editor sets inline styles on the elements it draws.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "frame-ancestors 'none'",
].join('; ');

export const GRAPHIQL_ASSET_PATH = '/graphiql/';

export interface GraphiQLOptions {
  /** Where GraphQL is served (the page's fetcher and socket go there). */
  path: string;
  /** A token put in the Headers tab for whoever opens the page: development only (npm start passes the demo admin's). */
  demoToken?: string;
}

/** On by default in development and test, off in production unless GRAPHIQL=on says otherwise. */
export function graphiqlEnabled(config: { GRAPHIQL?: 'on' | 'off'; NODE_ENV: string }): boolean {
  return config.GRAPHIQL ? config.GRAPHIQL === 'on' : config.NODE_ENV !== 'production';
}

/** A browser asking for the GraphQL URL itself (Accept: text/html, no operation in the query string). */
export function wantsGraphiQL(req: IncomingMessage, url: URL): boolean {
  return req.method === 'GET' && !url.searchParams.has('query') && !url.searchParams.has('extensions') && (req.headers.accept ?? '').includes('text/html');
}

/**
 * GraphiQL, offline: the page and its files, read once and kept in memory. GraphiQL 3 is the last
 * release that ships a prebuilt bundle (later ones must be bundled with their editor's workers), so
 * the gateway needs no build step to serve it.
 */
export function createGraphiQL(options: GraphiQLOptions) {
  const cache = new Map<string, Buffer>();
  const settings = JSON.stringify({ path: options.path, demoToken: options.demoToken ?? null }).replace(/</g, '\\u003c');
  const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>FlowLedger Graph — GraphiQL</title>
<link rel="stylesheet" href="${GRAPHIQL_ASSET_PATH}graphiql.min.css">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script id="graphiql-settings" type="application/json">${settings}</script>
<script src="${GRAPHIQL_ASSET_PATH}react.production.min.js"></script>
<script src="${GRAPHIQL_ASSET_PATH}react-dom.production.min.js"></script>
<script src="${GRAPHIQL_ASSET_PATH}graphiql.min.js"></script>
<script src="${GRAPHIQL_ASSET_PATH}boot.js"></script>
</body>
</html>
`;
  const headers = { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
  return {
    page(res: ServerResponse): void {
      res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(page);
    },
    /** A file under /graphiql/, or false when the path names none. */
    asset(res: ServerResponse, pathname: string): boolean {
      const name = pathname.slice(GRAPHIQL_ASSET_PATH.length);
      if (!Object.hasOwn(ASSETS, name)) return false;
      const asset = ASSETS[name]!;
      let body = cache.get(name);
      if (!body) cache.set(name, (body = readFileSync(asset.file)));
      res.writeHead(200, { ...headers, 'content-type': `${asset.type}; charset=utf-8`, 'cache-control': 'public, max-age=3600' });
      res.end(body);
      return true;
    },
  };
}
