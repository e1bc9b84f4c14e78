import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import nodeFetch from 'node-fetch';
import { createTokenVerifier, loadConfig, repoRoot, resolveSecrets, signContext, subgraphUrlsFromConfig, SUBGRAPH_NAMES } from '@flowledger/shared';
import type { OrgContext } from '@flowledger/shared';

/**
 * The peer of `npm run bench:graph`: stock @apollo/gateway with its default data source (node-fetch,
 * no deduplication, no caching) in front of the same running subgraphs. Only what the subgraphs
 * require is added: the JWT is verified and the org context signed onto each fetch. It skips the
 * membership lookup our gateway makes, which can only flatter it. Port from STOCK_GATEWAY_PORT.
 */
const config = loadConfig(process.env);
const secrets = resolveSecrets(config);
const verify = createTokenVerifier({ secret: secrets.jwtSecret, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
const urls = subgraphUrlsFromConfig(config, SUBGRAPH_NAMES);

interface Context {
  org: OrgContext;
}

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(join(repoRoot, 'schema/supergraph.graphql'), 'utf8'),
  buildService: ({ name }) =>
    new RemoteGraphQLDataSource<Context>({
      url: urls[name]!,
      // The default fetcher, with the signature over the exact body it is about to send.
      fetcher: (url, init) => {
        const headers = { ...(init?.headers as Record<string, string>) };
        const context = headers['x-bench-context'] ? (JSON.parse(headers['x-bench-context']) as OrgContext) : null;
        delete headers['x-bench-context'];
        const body = typeof init?.body === 'string' ? init.body : '';
        Object.assign(headers, signContext({ secret: secrets.signingSecret, subgraph: name, context, body }));
        return nodeFetch(url, { ...init, headers, body });
      },
      willSendRequest({ request, context }) {
        if (context.org) request.http?.headers.set('x-bench-context', JSON.stringify(context.org));
      },
    }),
});
const server = new ApolloServer<Context>({ gateway, csrfPrevention: false });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(process.env.STOCK_GATEWAY_PORT), host: '127.0.0.1' },
  context: async ({ req }) => {
    const claims = await verify(String(req.headers.authorization ?? '').replace(/^Bearer /, ''));
    return { org: { orgId: claims.org, actor: { type: 'user' as const, id: claims.sub }, roles: claims.roles, requestId: randomUUID() } };
  },
});
process.stdout.write(`[stock-gateway] ${url}\n`);
