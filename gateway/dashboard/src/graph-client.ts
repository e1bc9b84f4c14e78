import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import type { TypedDocumentString } from '../generated/graphql.ts';

export type ConnectionState = { kind: 'connecting' } | { kind: 'live'; reconnected: boolean } | { kind: 'lost'; since: number };

export interface GraphClientOptions {
  /** The gateway's GraphQL URL (HTTP); the socket is the same URL over ws:. */
  url: string;
  token: string;
  onState: (state: ConnectionState) => void;
}

/** An answer the page cannot use: the graph refused it or was unreachable. */
export class GraphError extends Error {}

/**
 * The page's way to the graph: queries over fetch, subscriptions over one graphql-ws socket that
 * reconnects for as long as the page is open (with graphql-ws's randomised backoff), and says so.
 */
export function createGraphClient(options: GraphClientOptions) {
  const socketUrl = options.url.replace(/^http/, 'ws');
  let lostSince: number | null = null;
  let connectedOnce = false;
  const socket: Client = createClient({
    url: socketUrl,
    connectionParams: { authorization: `Bearer ${options.token}` },
    lazy: false,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    keepAlive: 10_000,
    on: {
      connecting: () => {
        if (!connectedOnce) options.onState({ kind: 'connecting' });
      },
      connected: () => {
        options.onState({ kind: 'live', reconnected: connectedOnce });
        connectedOnce = true;
        lostSince = null;
      },
      closed: () => {
        if (!connectedOnce) return;
        lostSince ??= Date.now();
        options.onState({ kind: 'lost', since: lostSince });
      },
    },
  });

  async function query<R, V>(document: TypedDocumentString<R, V>, variables?: V): Promise<R> {
    const response = await fetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
      body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
    }).catch(() => {
      throw new GraphError('the graph is unreachable');
    });
    const body = (await response.json().catch(() => ({}))) as { data?: R; errors?: { message: string }[] };
    if (!body.data || (body.errors && body.errors.length > 0)) throw new GraphError(body.errors?.[0]?.message ?? `HTTP ${response.status}`);
    return body.data;
  }

  function subscribe<R, V>(document: TypedDocumentString<R, V>, onData: (data: R) => void, variables?: V): () => void {
    return socket.subscribe<R>(
      { query: document.toString(), variables: (variables ?? {}) as Record<string, unknown> },
      {
        next: (result) => {
          if (result.data) onData(result.data as R);
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
  }

  return { query, subscribe, close: () => socket.dispose() };
}

export type GraphClient = ReturnType<typeof createGraphClient>;
