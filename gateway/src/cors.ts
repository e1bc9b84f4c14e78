import type { IncomingMessage, ServerResponse } from 'node:http';

/** Headers a browser page may send: the credential, JSON, partner keys, Apollo's CSRF proofs, tracing. */
const ALLOWED_HEADERS = 'authorization, content-type, x-api-key, apollo-require-preflight, x-apollo-operation-name, x-request-id, idempotency-key';

/**
 * The origins browser pages may call the graph from (HTTP and the WebSocket alike). CORS_ORIGINS is a
 * comma-separated list of exact origins; a `:*` port matches any port of that host
 * (`http://localhost:*`). Unset: the localhost origins in development, none in production.
 */
export function createOriginPolicy(options: { origins: string | undefined; production: boolean }) {
  const entries = (options.origins ?? (options.production ? '' : 'http://localhost:*,http://127.0.0.1:*,http://[::1]:*'))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const exact = new Set(entries.filter((entry) => !entry.endsWith(':*')));
  const anyPort = entries.filter((entry) => entry.endsWith(':*')).map((entry) => entry.slice(0, -2));

  function allows(origin: string): boolean {
    if (exact.has(origin)) return true;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false;
    }
    // URL's hostname keeps an IPv6 address in brackets, as the entries write it.
    return anyPort.includes(`${url.protocol}//${url.hostname}`);
  }

  return {
    allows,
    /**
     * Adds the CORS answer headers for an allowed origin; answers a preflight itself (returns true).
     * A request without Origin is not a browser's cross-origin call and passes untouched.
     */
    apply(req: IncomingMessage, res: ServerResponse): boolean {
      const origin = req.headers.origin;
      const preflight = req.method === 'OPTIONS' && typeof req.headers['access-control-request-method'] === 'string';
      res.setHeader('vary', 'Origin');
      if (typeof origin !== 'string' || !allows(origin)) {
        if (!preflight) return false;
        res.writeHead(403, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ error: 'this origin may not call the graph (CORS_ORIGINS)' }));
        return true;
      }
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-expose-headers', 'x-request-id, retry-after, idempotent-replayed');
      if (!preflight) return false;
      res.writeHead(204, {
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': ALLOWED_HEADERS,
        'access-control-max-age': '600',
      });
      res.end();
      return true;
    },
  };
}

export type OriginPolicy = ReturnType<typeof createOriginPolicy>;
