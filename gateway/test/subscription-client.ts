import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';

/** A live subscriber through the official graphql-ws client: what it received, and how its socket ended. */
export interface LiveSubscriber {
  client: Client;
  received: { data: any; errors?: any; at: number }[];
  closed: Promise<{ code: number; reason: string }>;
  next(timeoutMs?: number): Promise<{ data: any; errors?: any; at: number }>;
  dispose(): Promise<void>;
}

export function subscribe(options: {
  url: string;
  token: string | (() => Promise<string>);
  /** Sign in with an API key (connection_init `x-api-key`) instead of the token. */
  apiKey?: string;
  query: string;
  variables?: Record<string, unknown>;
}): LiveSubscriber {
  const received: LiveSubscriber['received'] = [];
  let resolveClosed!: (value: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (resolveClosed = resolve));
  const waiters: ((value: LiveSubscriber['received'][number]) => void)[] = [];
  const client = createClient({
    url: options.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => {}, // the closed promise reports how the socket ended
    connectionParams: async () =>
      options.apiKey
        ? { 'x-api-key': options.apiKey }
        : { authorization: `Bearer ${typeof options.token === 'string' ? options.token : await options.token()}` },
    on: { closed: (event) => resolveClosed({ code: (event as { code: number }).code, reason: (event as { reason: string }).reason }) },
  });
  client.subscribe(
    { query: options.query, variables: options.variables },
    {
      next: (value) => {
        const entry = { data: value.data, errors: value.errors, at: Date.now() };
        received.push(entry);
        waiters.shift()?.(entry);
      },
      error: () => {},
      complete: () => {},
    },
  );
  let consumed = 0;
  return {
    client,
    received,
    closed,
    next(timeoutMs = 3000) {
      if (received.length > consumed) return Promise.resolve(received[consumed++]!);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no event within ${timeoutMs} ms`)), timeoutMs);
        waiters.push((entry) => {
          clearTimeout(timer);
          consumed++;
          resolve(entry);
        });
      });
    },
    async dispose() {
      await client.dispose();
    },
  };
}

/** Resolves once the gateway holds exactly `count` subscriptions (subscribing and closing are asynchronous). */
export async function untilSubscribed(hub: { size: number }, count: number, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (hub.size !== count) {
    if (Date.now() > deadline) throw new Error(`only ${hub.size} of ${count} subscriptions registered`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
