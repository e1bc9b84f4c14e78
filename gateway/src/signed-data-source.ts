import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { signContext, orgContextSchema } from '@flowledger/shared';
import type { OrgContext } from '@flowledger/shared';
import type { GatewayContext } from './gateway-context.ts';
import { subgraphFetch } from './subgraph-fetch.ts';

const PENDING_CONTEXT = 'x-fl-pending-context';

/**
 * Sends a subgraph request with the caller's org context, signed. The signature is computed in the
 * fetcher because only there are the exact body bytes known; the context is handed over in a
 * private header that the fetcher consumes.
 */
/** Subgraph fetches, by what caused them: client operations, or event resolutions for subscribers. */
export const subgraphFetches = { request: 0, subscription: 0 };

export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(options: { name: string; url: string; signingSecret: string; timeoutMs: number }) {
    super({
      url: options.url,
      fetcher: async (url, init) => {
        const headers = new Headers(init?.headers as Record<string, string>);
        const pending = headers.get(PENDING_CONTEXT);
        headers.delete(PENDING_CONTEXT);
        const context: OrgContext | null = pending ? orgContextSchema.parse(JSON.parse(pending)) : null;
        const body = typeof init?.body === 'string' ? init.body : '';
        for (const [key, value] of Object.entries(signContext({ secret: options.signingSecret, subgraph: options.name, context, body }))) {
          headers.set(key, value);
        }
        headers.set('x-request-id', context?.requestId ?? 'system');
        return subgraphFetch(url, { method: init?.method, headers, body, serviceName: options.name, timeoutMs: options.timeoutMs });
      },
    });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const { org, purpose } = context as Partial<GatewayContext>;
    subgraphFetches[purpose ?? 'request']++;
    if (org) request.http?.headers.set(PENDING_CONTEXT, JSON.stringify(org));
  }
}
