import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * A load-generator process for the subscription benchmark: opens its share of graphql-ws sockets,
 * subscribes each with one of the benchmark's selections, and notes when each event arrives
 * (keyed by pursuit and stage). Reports to the parent over IPC.
 */
interface Start {
  url: string;
  subscribers: { token: string; query: string }[];
}

const arrivals = new Map<string, number[]>();
const closes = new Map<number, number>();
let errors = 0;
const clients: ReturnType<typeof createClient>[] = [];

process.on('message', async (message: { type: string } & Partial<Start>) => {
  if (message.type === 'start') {
    const { url, subscribers } = message as Start;
    for (const { token, query } of subscribers) {
      const client = createClient({
        url,
        webSocketImpl: WebSocket,
        lazy: false,
        // A handshake refused while thousands open at once is retried, as a real client would.
        retryAttempts: 10,
        onNonLazyError: () => {},
        connectionParams: { authorization: `Bearer ${token}` },
        on: { closed: (event) => closes.set((event as { code: number }).code, (closes.get((event as { code: number }).code) ?? 0) + 1) },
      });
      client.subscribe(
        { query },
        {
          next: (value) => {
            const event = (value.data as { pursuitStageChanged?: { to: string; pursuit: { id: string } } } | null)?.pursuitStageChanged;
            if (!event) return void errors++;
            const key = `${event.pursuit.id}:${event.to}`;
            const list = arrivals.get(key);
            if (list) list.push(Date.now());
            else arrivals.set(key, [Date.now()]);
          },
          error: () => void errors++,
          complete: () => {},
        },
      );
      clients.push(client);
      // Pace the handshakes so the gateway's accept queue never overflows.
      if (clients.length % 100 === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    process.send!({ type: 'opened', count: clients.length });
  }
  if (message.type === 'report') {
    process.send!({ type: 'report', arrivals: [...arrivals], errors, closes: [...closes] });
  }
  if (message.type === 'stop') {
    await Promise.all(clients.map((c) => c.dispose()));
    process.exit(0);
  }
});
