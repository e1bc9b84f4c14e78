import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { signContext, orgContextSchema } from '@flowledger/shared';
import type { OrgContext } from '@flowledger/shared';
import type { GatewayContext } from './gateway-context.ts';
import { subgraphFetch } from './subgraph-fetch.ts';

const PENDING_CONTEXT = 'x-fl-pending-context';
const PENDING_SHAREABLE = 'x-fl-pending-shareable';

/** Fetches answered by another caller's identical fetch in flight, and fetches sent. */
export const inFlightStats = { shared: 0, sent: 0 };

// The org context as the header carries it, serialised once per request however many fetches it makes.
const serialised = new WeakMap<OrgContext, string>();
function serialise(org: OrgContext): string {
  let json = serialised.get(org);
  if (json === undefined) serialised.set(org, (json = JSON.stringify(org)));
  return json;
}

/** A subgraph operation that only reads: a query (also an `_entities` lookup), never a mutation. */
const READS = /^\s*(query\b|\{)/;

/**
 * Sends a subgraph request with the caller's org context, signed. The signature is computed in the
 * fetcher because only there are the exact body bytes known; the context is handed over in a
 * private header that the fetcher consumes.
 */
/** Subgraph fetches, by what caused them: client operations, or event resolutions for subscribers. */
export const subgraphFetches = { request: 0, subscription: 0 };

export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(options: { name: string; url: string; signingSecret: string; timeoutMs: number }) {
    // Identical reads in flight share one fetch. The key holds everything that decides what the
    // subgraph may answer — subgraph, organisation, actor, roles — and the exact body, so two
    // organisations (or two people) never share a result. The shared fetch carries the first
    // caller's request id.
    const inFlight = new Map<string, ReturnType<typeof subgraphFetch>>();
    super({
      url: options.url,
      fetcher: async (url, init) => {
        const headers = new Headers(init?.headers as Record<string, string>);
        const pending = headers.get(PENDING_CONTEXT);
        const shareable = headers.get(PENDING_SHAREABLE) === '1';
        headers.delete(PENDING_CONTEXT);
        headers.delete(PENDING_SHAREABLE);
        const context: OrgContext | null = pending ? orgContextSchema.parse(JSON.parse(pending)) : null;
        const body = typeof init?.body === 'string' ? init.body : '';
        const send = () => {
          inFlightStats.sent++;
          for (const [key, value] of Object.entries(signContext({ secret: options.signingSecret, subgraph: options.name, context, body }))) {
            headers.set(key, value);
          }
          headers.set('x-request-id', context?.requestId ?? 'system');
          return subgraphFetch(url, { method: init?.method, headers, body, serviceName: options.name, timeoutMs: options.timeoutMs });
        };
        if (!shareable || !context) return send();
        const key = `${context.orgId}\n${context.actor.type}:${context.actor.id}\n${context.roles.join(',')}\n${body}`;
        const running = inFlight.get(key);
        if (running) {
          inFlightStats.shared++;
          return running.then((response) => response.clone());
        }
        const call = send().finally(() => inFlight.delete(key));
        inFlight.set(key, call);
        return call;
      },
    });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const { org, purpose } = context as Partial<GatewayContext>;
    subgraphFetches[purpose ?? 'request']++;
    if (org) request.http?.headers.set(PENDING_CONTEXT, serialise(org));
    if (org && READS.test(request.query ?? '')) request.http?.headers.set(PENDING_SHAREABLE, '1');
  }
}
