import { signContext } from '@flowledger/shared';

/**
 * A signed system call to one of the access subgraph's internal routes (no organisation in the
 * signature; the payload names it where the route needs one): how the gateway asks about keys,
 * documents and idempotency records. A non-2xx answer or a timeout throws; callers turn that into
 * a 503 for the client, never a 500.
 */
export function accessCaller(options: { accessUrl: string; signingSecret: string; timeoutMs?: number }) {
  return async <T>(route: string, payload: unknown): Promise<T> => {
    const body = JSON.stringify(payload);
    const response = await fetch(new URL(`/internal/${route}`, options.accessUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signContext({ secret: options.signingSecret, subgraph: 'access', context: null, body }) },
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
    });
    if (!response.ok) throw new Error(`access /internal/${route} answered HTTP ${response.status}`);
    return (await response.json()) as T;
  };
}
