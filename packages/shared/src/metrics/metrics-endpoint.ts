import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http/send.ts';
import type { ServiceMetrics } from './service-metrics.ts';

export interface MetricsAccess {
  /** `METRICS_TOKEN`: when set, /metrics answers only `Authorization: Bearer <token>`. */
  token?: string | null;
  /** In production, /metrics without a token is off: pool sizes and operation names are not for anyone who can reach the port. */
  production: boolean;
}

/** Constant time: the token must not leak a byte at a time through how fast a wrong one is refused. */
function safeEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** GET /metrics of every service, gateway and subgraphs alike, under one access rule. */
export async function serveMetrics(req: IncomingMessage, res: ServerResponse, metrics: ServiceMetrics, access: MetricsAccess): Promise<void> {
  if (!access.token && access.production) return sendJson(res, 404, { error: 'metrics are off: set METRICS_TOKEN' });
  if (access.token && !safeEqual(req.headers.authorization ?? '', `Bearer ${access.token}`)) {
    return sendJson(res, 401, { error: 'metrics need Authorization: Bearer <METRICS_TOKEN>' }, { 'www-authenticate': 'Bearer' });
  }
  const { contentType, text } = await metrics.render();
  res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
  res.end(text);
}
