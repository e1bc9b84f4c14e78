import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import { GraphQLError } from 'graphql';
import type { Orm } from '../db/create-orm.ts';
import type { OrgContext } from '../auth/org-context.ts';
import { inOrgScope } from '../db/org-scope.ts';
import { maskError } from '../graphql/errors.ts';
import { PayloadTooLargeError, readBody } from '../http/read-body.ts';
import { sendApolloResponse, sendGraphQLError, sendJson } from '../http/send.ts';
import { MalformedBodyError, toApolloRequest } from '../http/to-apollo-request.ts';
import type { Logger } from '../log.ts';
import { systemClock } from '../clock.ts';
import type { Clock } from '../clock.ts';
import { createReplayGuard, verifyContext } from '../signing/context-signature.ts';
import { drainOnClose } from '../http/drain.ts';
import { listen } from '../net/listen.ts';
import { createEntityReferences } from './entity-references.ts';
import type { InternalRoute, PublicRoute, SubgraphContext, SubgraphDefinition } from './definition.ts';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { createSignedLinks } from '../signing/signed-links.ts';
import { countedQueries } from '../db/query-counter.ts';
import { readEventFeed } from '../events/event-feed.ts';
import { createServiceMetrics } from '../metrics/service-metrics.ts';
import type { ServiceMetrics } from '../metrics/service-metrics.ts';
import { serveMetrics } from '../metrics/metrics-endpoint.ts';
import type { MetricsAccess } from '../metrics/metrics-endpoint.ts';
import { watchOutbox, watchPool } from '../metrics/database-metrics.ts';
import { nameGraphQLSpan, remoteParent, withSpan } from '../telemetry/tracing.ts';

export interface StartSubgraphOptions {
  definition: SubgraphDefinition;
  orm: Orm;
  signingSecret: string;
  log: Logger;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  maxBodyBytes?: number;
  maxPageSize?: number;
  /** How long in-flight requests may take to finish on close. */
  shutdownGraceMs?: number;
  clock?: Clock;
  /** Where the other subgraphs are, for reference checks at write time (filled as they start, in tests). */
  subgraphUrls?: Record<string, string>;
  /** The system scope's ORM, for a subgraph with an outbox: it serves the event feed (`/internal/events`). */
  systemOrm?: Orm | null;
  /** Where browsers reach this subgraph's public routes (`<NAME>_PUBLIC_URL`); default its own address. */
  publicUrl?: string;
  /** Requests per minute and client address on the public routes (default: the definition's, else 600). */
  publicRateLimitPerMinute?: number;
  /** The key of this subgraph's signed links and tokens (`<NAME>_LINK_SECRET`); default derived from the signing secret. */
  linkSecret?: string;
  /** This subgraph's metrics (its workers record into the same); default a new registry. */
  metrics?: ServiceMetrics;
  /** Who may read GET /metrics (METRICS_TOKEN); default open, as in development. */
  metricsAccess?: MetricsAccess;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  port: number;
  /** Requests received on /graphql and /internal/*, signed or not: what reached this subgraph. */
  stats: { requests: number };
  metrics: ServiceMetrics;
  close(): Promise<void>;
}

/** Thrown inside the request transaction to roll it back when execution reported errors. */
class RollbackSignal extends Error {}

/**
 * Serves one subgraph over HTTP. Every request but /healthz must carry the gateway's signature;
 * each GraphQL request runs in one transaction scoped to the signed organisation, rolled back
 * when anything in it failed, so a write never half-lands.
 */
export async function startSubgraph(options: StartSubgraphOptions): Promise<RunningSubgraph> {
  const { definition, orm, log } = options;
  const maxBodyBytes = options.maxBodyBytes ?? 1_048_576;
  const maxPageSize = options.maxPageSize ?? 250;
  // What the plugin learns of a request, keyed by its EntityManager: Apollo Server hands plugins and
  // resolvers a shallow copy of the context object, never the object itself, but the copy holds the
  // same em. (Keyed by the context, these sets were never found: errors did not roll back.)
  const failed = new WeakSet<object>();
  // Requests whose operation is a query: they never change an entity, so nothing is flushed at commit.
  const readOnly = new WeakSet<object>();
  const operationNames = new WeakMap<object, string>();
  const metrics = options.metrics ?? createServiceMetrics();
  watchPool(metrics, 'app', orm);
  if (options.systemOrm) {
    watchPool(metrics, 'system', options.systemOrm);
    watchOutbox(metrics, options.systemOrm, definition.dbSchema);
  }
  const replayGuard = createReplayGuard();
  let listeningUrl = '';
  const links = createSignedLinks({
    secret: options.signingSecret,
    subgraph: definition.name,
    publicUrl: () => options.publicUrl ?? listeningUrl,
    linkSecret: options.linkSecret,
  });
  const publicLimiter = new RateLimiterMemory({ points: options.publicRateLimitPerMinute ?? definition.publicRateLimitPerMinute ?? 600, duration: 60 });
  const publicRoutes = Object.entries(definition.publicRoutes ?? {});
  const markFailures: ApolloServerPlugin<SubgraphContext> = {
    async requestDidStart() {
      return {
        // Viewers read; only members and admins write. Checked once here for every subgraph.
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation === 'query') readOnly.add(contextValue.em);
          if (operation?.name) operationNames.set(contextValue.em, operation.name.value);
          if (operation) nameGraphQLSpan(operation.operation, operation.name?.value ?? null);
          if (operation?.operation === 'mutation' && !contextValue.org.roles.some((role) => role === 'ADMIN' || role === 'MEMBER')) {
            throw new GraphQLError('a VIEWER cannot change anything', { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
          }
        },
        async didEncounterErrors({ contextValue }) {
          failed.add(contextValue.em);
        },
      };
    },
  };
  const apollo = new ApolloServer<SubgraphContext>({
    // The one cast of the kit: each subgraph typed its map with its generated Resolvers type; Apollo's
    // GraphQLResolverMap is an untyped index of the same functions.
    schema: buildSubgraphSchema([{ typeDefs: definition.typeDefs, resolvers: definition.resolvers as GraphQLResolverMap<SubgraphContext> }]),
    includeStacktraceInErrorResponses: false,
    // The process's own SIGTERM handler drains HTTP first, then stops Apollo.
    stopOnTerminationSignals: false,
    csrfPrevention: false,
    // No subgraph sets cache hints: Apollo's cache-control plugin would still run on every resolved field (a large page's biggest overhead after execution itself).
    plugins: [markFailures, ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled()],
    formatError: (formatted, error) => maskError(formatted, (e) => log.error({ err: e }, 'resolver failed'), error),
  });
  await apollo.start();

  async function handleGraphQL(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const started = performance.now();
    const verdict = verifyContext({ secret: options.signingSecret, subgraph: definition.name, headers: req.headers, body, replayGuard });
    if (!verdict.ok || !verdict.context) {
      log.warn({ reason: verdict.ok ? 'system context on /graphql' : verdict.reason, path: req.url }, 'refused unsigned request');
      sendGraphQLError(res, 401, 'requests must come through the gateway', 'UNAUTHENTICATED');
      return;
    }
    const org = verdict.context;
    // The gateway's fetch span is the parent, from the signed traceparent: one trace across the services.
    const span = {
      service: definition.name,
      kind: 'server' as const,
      parent: remoteParent(verdict.traceparent),
      attributes: { 'http.request.method': 'POST', 'url.path': '/graphql' },
    };
    await withSpan('POST /graphql', span, () => executeGraphQL(req, res, body, org, started));
  }

  async function executeGraphQL(req: IncomingMessage, res: ServerResponse, body: Buffer, org: OrgContext, started: number): Promise<void> {
    const requestLog = log.child({ requestId: org.requestId, orgId: org.orgId });
    const httpGraphQLRequest = toApolloRequest(req, body);
    let response;
    let requestEm: object | undefined;
    try {
      await inOrgScope(orm, org.orgId, async (em) => {
        const references = createEntityReferences({ urls: options.subgraphUrls ?? {}, signingSecret: options.signingSecret, org });
        const contextValue: SubgraphContext = {
          org,
          em,
          loaders: definition.createLoaders(em, org),
          log: requestLog,
          maxPageSize,
          clock: options.clock ?? systemClock,
          references,
          links,
        };
        requestEm = em;
        response = await withSpan('graphql', { service: definition.name }, () =>
          apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => contextValue }),
        );
        if (failed.has(em)) throw new RollbackSignal();
        // The unit of work would compute a change set for every row the query read, to send no SQL.
        if (readOnly.has(em)) em.clear();
      });
    } catch (error) {
      if (!(error instanceof RollbackSignal)) throw error;
    }
    // Debug: at info, one line per request was a measurable share of a busy subgraph's CPU.
    requestLog.debug({ status: response!.status ?? 200 }, 'graphql request');
    // The gateway is this server's only client. It forwards the errors (and codes) of a 200 response,
    // but turns any 4xx into an anonymous INTERNAL_SERVER_ERROR, so refusals travel as 200 + errors.
    const status = response!.status ?? 200;
    if (status >= 400 && status < 500) response!.status = 200;
    await sendApolloResponse(res, response!);
    metrics.observeOperation({
      client: org.client ?? null,
      operationName: requestEm ? (operationNames.get(requestEm) ?? null) : null,
      outcome: requestEm && failed.has(requestEm) ? 'error' : 'ok',
      seconds: (performance.now() - started) / 1000,
    });
  }

  async function handleInternal(req: IncomingMessage, res: ServerResponse, body: Buffer, name: string): Promise<void> {
    // `stats` is every subgraph's: requests served and SQL statements sent, for the benchmarks.
    // Own keys only: `/internal/constructor` must not find Object's.
    const routes = definition.internalRoutes ?? {};
    const route = name === 'stats' ? statsRoute : name === 'events' && options.systemOrm ? 'feed' : Object.hasOwn(routes, name) ? routes[name] : undefined;
    const verdict = verifyContext({ secret: options.signingSecret, subgraph: definition.name, headers: req.headers, body, replayGuard });
    if (!route || req.method !== 'POST') return sendJson(res, 404, { error: 'not found' });
    if (!verdict.ok) return sendJson(res, 401, { error: 'requests must come through the gateway' });
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return sendJson(res, 400, { error: 'body is not JSON' });
    }
    if (route !== 'feed') return sendJson(res, 200, await route({ orm, body: parsed, log }));
    // Every organisation's events: a system call only, never one made for an organisation's request.
    if (verdict.context !== null) return sendJson(res, 403, { error: 'the event feed is for system calls' });
    const feed = await readEventFeed(options.systemOrm!, { schema: definition.dbSchema, source: definition.name, request: parsed });
    sendJson(res, feed.ok ? 200 : 400, feed.ok ? { events: feed.events } : { error: feed.message });
  }

  /** A public route: GET or HEAD, limited per client address; the route itself refuses what it cannot verify. */
  async function handlePublic(req: IncomingMessage, res: ServerResponse, url: URL, route: PublicRoute): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      return void res.end('Method not allowed\n');
    }
    const allowed = await publicLimiter.consume(req.socket.remoteAddress ?? 'unknown').then(
      () => true,
      () => false,
    );
    if (!allowed) {
      res.writeHead(429, { 'retry-after': '60', 'content-type': 'text/plain; charset=utf-8' });
      return void res.end('Too many requests\n');
    }
    await route({ req, res, url, orm, log, links, clock: options.clock ?? systemClock });
  }

  const stats = { requests: 0 };
  const statsRoute: InternalRoute = async () => ({ requests: stats.requests, statements: countedQueries(definition.name) });
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/graphql' || url.pathname.startsWith('/internal/')) stats.requests++;
    const handle = async () => {
      // The one unsigned endpoint: alive, and able to reach its database.
      if (url.pathname === '/healthz') {
        const ok = await orm.em
          .fork()
          .execute('select 1')
          .then(
            () => true,
            () => false,
          );
        return sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'database unreachable', subgraph: definition.name });
      }
      if (url.pathname === '/metrics') return serveMetrics(req, res, metrics, options.metricsAccess ?? { production: false });
      const open = publicRoutes.find(([prefix]) => url.pathname.startsWith(prefix));
      if (open) return handlePublic(req, res, url, open[1]);
      const body = await readBody(req, maxBodyBytes);
      if (url.pathname === '/graphql') return handleGraphQL(req, res, body);
      if (url.pathname.startsWith('/internal/')) return handleInternal(req, res, body, url.pathname.slice('/internal/'.length));
      sendJson(res, 404, { error: 'not found' });
    };
    handle().catch((error: unknown) => {
      if (res.headersSent) return res.destroy();
      if (error instanceof PayloadTooLargeError) return sendGraphQLError(res, 413, error.message, 'PAYLOAD_TOO_LARGE');
      if (error instanceof MalformedBodyError) return sendGraphQLError(res, 400, error.message, 'BAD_REQUEST');
      log.error({ err: error }, 'request failed');
      sendGraphQLError(res, 500, 'Internal server error', 'INTERNAL_SERVER_ERROR');
    });
  });
  const drain = drainOnClose(server);
  await listen(server, { port: options.port, host: options.host ?? '0.0.0.0', variable: `${definition.name.toUpperCase()}_PORT` });
  const port = (server.address() as AddressInfo).port;
  listeningUrl = `http://127.0.0.1:${port}`;
  log.info({ port }, `${definition.name} subgraph listening`);
  return {
    name: definition.name,
    port,
    stats,
    metrics,
    url: `http://127.0.0.1:${port}/graphql`,
    async close() {
      await drain(options.shutdownGraceMs ?? 10_000);
      await apollo.stop();
    },
  };
}
