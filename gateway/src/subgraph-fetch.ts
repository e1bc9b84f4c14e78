import { GraphQLError } from 'graphql';
import type { FetcherResponse } from '@apollo/utils.fetcher';
import { Agent, request } from 'undici';

/**
 * The fetch the gateway's data sources use to call subgraphs: undici's request API over one shared
 * keep-alive agent, which skips the WHATWG Request/Response machinery the gateway does not need.
 * Returns the little of a Response that @apollo/gateway reads (ok, status, headers, json, text).
 */
const agent = new Agent({ keepAliveTimeout: 30_000, connections: 128, pipelining: 1 });

export type SubgraphResponse = FetcherResponse;

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
  init: { method?: string; headers: Headers; body?: string; serviceName: string; timeoutMs: number },
): Promise<SubgraphResponse> {
  let response;
  let text: string;
  try {
    response = await request(url, {
      method: (init.method ?? 'POST') as 'POST',
      headers: Object.fromEntries(init.headers),
      body: init.body,
      dispatcher: agent,
      signal: AbortSignal.timeout(init.timeoutMs),
    });
    text = await response.body.text();
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    throw new SubgraphUnavailableError(init.serviceName, timedOut ? `did not answer within ${init.timeoutMs} ms` : 'is unreachable');
  }
  // Away (a proxy's 502/503/504), not broken: a 500 is a bug and stays an INTERNAL_SERVER_ERROR.
  if (response.statusCode === 502 || response.statusCode === 503 || response.statusCode === 504)
    throw new SubgraphUnavailableError(init.serviceName, `is unavailable (HTTP ${response.statusCode})`);
  const headers = new Headers();
  for (const [key, value] of Object.entries(response.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return bufferedResponse(url, response.statusCode, headers, text);
}

/** A response whose body is already read, in the shape @apollo/gateway's fetcher contract asks for. */
function bufferedResponse(url: string, status: number, headers: Headers, text: string): FetcherResponse {
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: '',
    url,
    redirected: false,
    bodyUsed: false,
    headers,
    json: async () => JSON.parse(text),
    text: async () => text,
    arrayBuffer: async () => new TextEncoder().encode(text).buffer,
    clone: () => bufferedResponse(url, status, headers, text),
  };
}
