import { GraphQLError } from 'graphql';
import { STATUS_CODES } from 'node:http';
import { Agent, request } from 'undici';

/**
 * The fetch the gateway's data sources use to call subgraphs: undici's request API over one shared
 * keep-alive agent, which skips the WHATWG Request/Response machinery the gateway does not need.
 * Idle sockets are dropped after 30 s whatever the subgraph's keep-alive hint says, so the gateway
 * always closes before the subgraph does (65 s) and never sends a request on a closing socket.
 */
const agent = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 30_000, connections: 128, pipelining: 1 });

/** A subgraph's answer, read to the end. */
export interface SubgraphResponse {
  ok: boolean;
  status: number;
  statusText: string;
  url: string;
  text: string;
}
/**
 * A subgraph that is down, stopped or too slow costs its part of the answer, not the request: the
 * failure becomes one error naming the service (SUBGRAPH_UNAVAILABLE, `extensions.serviceName`), which
 * @apollo/gateway adds beside the data the other subgraphs returned.
 */
export class SubgraphUnavailableError extends GraphQLError {
  constructor(serviceName: string, reason: string) {
    super(`the ${serviceName} service ${reason}; its part of the answer is missing`, { extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName } });
  }
}

export async function subgraphFetch(
  url: string,
  init: { headers: Record<string, string>; body: string; serviceName: string; timeoutMs: number },
): Promise<SubgraphResponse> {
  let response;
  let text: string;
  // A timer cleared on the answer: AbortSignal.timeout's fires (and builds its error) for every fetch.
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new DOMException('subgraph timeout', 'TimeoutError')), init.timeoutMs);
  try {
    response = await request(url, {
      method: 'POST',
      headers: init.headers,
      body: init.body,
      dispatcher: agent,
      signal: abort.signal,
    });
    text = await response.body.text();
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    throw new SubgraphUnavailableError(init.serviceName, timedOut ? `did not answer within ${init.timeoutMs} ms` : 'is unreachable');
  } finally {
    clearTimeout(timer);
  }
  // Away (a proxy's 502/503/504), not broken: a 500 is a bug and stays an INTERNAL_SERVER_ERROR.
  if (response.statusCode === 502 || response.statusCode === 503 || response.statusCode === 504)
    throw new SubgraphUnavailableError(init.serviceName, `is unavailable (HTTP ${response.statusCode})`);
  const status = response.statusCode;
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: STATUS_CODES[status] ?? '',
    url,
    text,
  };
}
