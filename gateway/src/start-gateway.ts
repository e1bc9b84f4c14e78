import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  createTokenVerifier,
  drainOnClose,
  listen,
  maskError,
  MalformedBodyError,
  PayloadTooLargeError,
  readBody,
  sendApolloResponse,
  sendGraphQLError,
  sendJson,
  serveMetrics,
  currentTraceId,
  remoteParent,
  withSpan,
  toApolloRequest,
  uuidv7,
} from '@flowledger/shared';
import type { Config, EventBus, Logger, Secrets } from '@flowledger/shared';
import type { GraphQLSchema } from 'graphql';
import { attachSubscriptionServer } from './subscriptions/subscription-server.ts';
import { SubscriptionHub } from './subscriptions/subscription-hub.ts';
import { createArmor } from './armor.ts';
import { createOriginPolicy } from './cors.ts';
import { requestGuards } from './request-guards.ts';
import { createApiKeyGate } from './api-keys.ts';
import { createAuthenticator } from './authenticate.ts';
import { IDEMPOTENCY_KEY, createIdempotency, mutationOf, sendStored } from './idempotency.ts';
import { costExtension, createCostCalculator, createCostLimiter, documentOf, operationNameIn, sendRateLimited } from './rate-limits.ts';
import { Redis } from 'ioredis';
import { createDocumentStore, resolveDocument, socketDocument } from './persisted-documents.ts';
import type { GatewayContext } from './gateway-context.ts';
import { createMembershipLookup } from './membership-lookup.ts';
import { cachedTokenVerifier } from './token-cache.ts';
import { createDirectExecutor } from './subscriptions/direct-executor.ts';
import { checkSubgraphs } from './readiness.ts';
import { SignedDataSource } from './signed-data-source.ts';
import { createGatewayMetrics } from './metrics.ts';
import { createBrowserPages } from './browser-pages.ts';
import { namedSpans } from './named-spans.ts';

export interface StartGatewayOptions {
  config: Config;
  secrets: Secrets;
  log: Logger;
  supergraphSdl: string;
  /** Where each subgraph of the supergraph is, by name: the committed file holds placeholders. */
  subgraphUrls: Record<string, string>;
  /** 0 picks a free port. */
  port?: number;
  /** Where events arrive from; without one the gateway serves no subscriptions. */
  bus?: EventBus;
}

export interface RunningGateway {
  url: string;
  port: number;
  hub: SubscriptionHub;
  sockets: ReturnType<typeof attachSubscriptionServer>;
  close(): Promise<void>;
}

const REQUEST_ID_RE = /^[A-Za-z0-9._:-]{1,64}$/;

/** Headers that only a non-browser client (or a CORS preflight) can send: they prove a real client for CSRF prevention. */
const CSRF_SAFE_HEADERS = ['authorization', 'x-api-key', 'apollo-require-preflight', 'x-apollo-operation-name'];

export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  const { config, secrets, log, subgraphUrls } = options;
  // The hub and the socket server start after Apollo; the metrics read them only when scraped.
  const gatewayMetrics = createGatewayMetrics({ hub: () => hub, sockets: () => sockets.connections.size });
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name }) => {
      const url = subgraphUrls[name];
      if (!url) throw new Error(`no URL configured for subgraph "${name}" (set ${name.toUpperCase()}_URL)`);
      return new SignedDataSource({
        name,
        url,
        signingSecret: secrets.signingSecret,
        timeoutMs: config.SUBGRAPH_TIMEOUT_MS,
        observe: gatewayMetrics.observeFetch,
      });
    },
  });
  let apiSchema: GraphQLSchema | null = null;
  gateway.onSchemaLoadOrUpdate(({ apiSchema: schema }) => {
    apiSchema = schema;
  });
  const armor = createArmor(config);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // Armor is typed against @apollo/server's CommonJS build; the plugins are the same objects.
    plugins: [costExtension, requestGuards, namedSpans, ...(armor.plugins as ApolloServerPlugin<GatewayContext>[]), ApolloServerPluginLandingPageDisabled()],
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: config.MAX_TOKENS },
    allowBatchedHttpRequests: false,
    // Persisted operations and APQ are resolved before Apollo sees the request (persisted-documents.ts).
    persistedQueries: false,
    includeStacktraceInErrorResponses: false,
    // The process's own SIGTERM handler drains HTTP first, then stops Apollo.
    stopOnTerminationSignals: false,
    csrfPrevention: { requestHeaders: CSRF_SAFE_HEADERS },
    formatError: (formatted, error) => {
      // Apollo Server answers some client mistakes with HTTP 4xx but no code (an APQ hash that does not
      // match, an unsupported persisted-query version): they are the client's, so BAD_REQUEST, not masked.
      const status = (error as { extensions?: { http?: { status?: unknown } } } | undefined)?.extensions?.http?.status;
      const code = formatted.extensions?.code;
      if (typeof status === 'number' && status >= 400 && status < 500 && (code === undefined || code === 'INTERNAL_SERVER_ERROR')) {
        return { message: formatted.message, extensions: { code: 'BAD_REQUEST' } };
      }
      return maskError(formatted, (e) => log.error({ err: e }, 'operation failed'), error);
    },
  });
  await apollo.start();

  const costOf = createCostCalculator(() => apiSchema);
  const usage = gatewayMetrics.metrics;
  const defaultBudget = { maximumAvailable: config.RATE_LIMIT_POINTS, restoreRate: config.RATE_LIMIT_RESTORE_PER_S };
  const runOnce = createIdempotency({ accessUrl: subgraphUrls.access!, signingSecret: secrets.signingSecret });
  // Redis, when configured, holds the cost budgets and the APQ documents; a lost connection reconnects on
  // its own (ioredis), and meanwhile each process counts budgets alone (the limiter's insurance).
  const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false }) : undefined;
  redis?.on('error', (error) => log.warn({ err: error }, 'Redis (budgets, APQ) unavailable'));
  const documents = createDocumentStore({ accessUrl: subgraphUrls.access!, signingSecret: secrets.signingSecret, redis });
  const costLimiter = createCostLimiter({ databaseUrl: config.APP_DATABASE_URL ?? config.DATABASE_URL, redis, log });
  const apiKeys = createApiKeyGate({ accessUrl: subgraphUrls.access!, signingSecret: secrets.signingSecret, ttlMs: config.API_KEY_CACHE_MS });
  const lookupMembership = createMembershipLookup({ accessUrl: subgraphUrls.access!, signingSecret: secrets.signingSecret, ttlMs: config.MEMBERSHIP_CACHE_MS });
  const authenticate = createAuthenticator({
    verifyToken: cachedTokenVerifier(
      createTokenVerifier({
        secret: secrets.jwtSecret,
        jwksUrl: config.JWT_JWKS_URL,
        issuer: config.JWT_ISSUER,
        audience: config.JWT_AUDIENCE,
        maxLifetimeSeconds: config.JWT_MAX_LIFETIME_S,
      }),
    ),
    lookupMembership,
    apiKeys,
  });

  async function handleGraphQL(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    const started = performance.now();
    const body = await readBody(req, config.MAX_BODY_BYTES);
    const auth = await authenticate(req.headers, requestId);
    if (!auth.ok) {
      log.info({ requestId, status: auth.status, reason: auth.message }, 'refused');
      const code = auth.status === 401 ? 'UNAUTHENTICATED' : 'SERVICE_UNAVAILABLE';
      sendGraphQLError(res, auth.status, auth.message, code, auth.status === 401 ? { 'www-authenticate': 'Bearer' } : {});
      return;
    }
    // Usage per client and operation, once the answer has gone (whichever way it went).
    const seen = { operationName: null as string | null, errors: false };
    res.once('finish', () =>
      usage.observeOperation({
        client: auth.client?.name ?? null,
        operationName: seen.operationName,
        outcome: res.statusCode >= 400 ? 'refused' : seen.errors ? 'error' : 'ok',
        seconds: (performance.now() - started) / 1000,
      }),
    );
    const httpGraphQLRequest = toApolloRequest(req, body);
    const verdict = await resolveDocument(httpGraphQLRequest, { orgId: auth.org.orgId, client: auth.client }, documents).catch(() => null);
    if (verdict === null) return sendGraphQLError(res, 503, 'the document store is unavailable; try again', 'SERVICE_UNAVAILABLE');
    if (!verdict.ok) {
      seen.errors = true;
      return sendGraphQLError(res, verdict.status, verdict.message, verdict.code);
    }
    const { query, operationName } = documentOf(httpGraphQLRequest);
    seen.operationName = operationName ?? (query ? operationNameIn(query) : null);
    const cost = query ? costOf(query, operationName) : 1;
    const budget = auth.client?.rateLimit ?? defaultBudget;
    const charge = await costLimiter.charge(auth.org, budget, cost);
    if (!charge.ok) return sendRateLimited(res, { cost, budget, retryAfterMs: charge.retryAfterMs, report: charge.cost });
    const execute = () =>
      withSpan('graphql', { service: 'gateway' }, () =>
        apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => ({ org: auth.org, cost: charge.cost }) }),
      );
    const key = req.headers['idempotency-key'];
    const mutation = key !== undefined ? mutationOf(httpGraphQLRequest) : null;
    if (key !== undefined && mutation) {
      if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
        return sendGraphQLError(res, 400, 'Idempotency-Key must be 1–255 printable ASCII characters (a UUID will do)', 'BAD_REQUEST');
      }
      const outcome = await runOnce(auth.org, key, mutation, async () => {
        const response = await execute();
        let text = response.body.kind === 'complete' ? response.body.string : '';
        if (response.body.kind === 'chunked') for await (const chunk of response.body.asyncIterator) text += chunk;
        return { status: response.status ?? 200, body: text };
      }).catch(() => null);
      seen.errors = outcome?.kind !== 'refused' && Boolean(outcome?.response.body.includes('"errors":'));
      if (outcome === null) return sendGraphQLError(res, 503, 'the idempotency store is unavailable; try again', 'SERVICE_UNAVAILABLE');
      if (outcome.kind === 'refused') return sendGraphQLError(res, outcome.status, outcome.message, outcome.code);
      return sendStored(req, res, outcome);
    }
    const response = await execute();
    seen.errors = response.body.kind === 'complete' && response.body.string.includes('"errors":');
    await sendApolloResponse(res, response);
    // Debug (LOG_LEVEL=debug shows it): at info, a line per request was a twentieth of the gateway's CPU.
    log.debug({ requestId, orgId: auth.org.orgId, status: response.status ?? 200, ms: Math.round(performance.now() - started) }, 'graphql request');
  }

  const pages = createBrowserPages({ config, log });
  const origins = createOriginPolicy({ origins: config.CORS_ORIGINS, production: config.NODE_ENV === 'production' });
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && REQUEST_ID_RE.test(given) ? given : uuidv7();
    res.setHeader('x-request-id', requestId);
    if (url.pathname === config.GATEWAY_PATH && origins.apply(req, res)) return;
    const handle = async () => {
      if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
      if (url.pathname === '/metrics') {
        return serveMetrics(req, res, usage, { token: config.METRICS_TOKEN, production: config.NODE_ENV === 'production' });
      }
      if (url.pathname === '/readyz') {
        const report = await checkSubgraphs(subgraphUrls);
        // Without its bus connection the gateway still answers queries, but subscriptions hear nothing.
        const eventBus = !options.bus ? 'none' : options.bus.connected ? 'connected' : 'reconnecting';
        const ready = report.ready && eventBus !== 'reconnecting';
        return sendJson(res, ready ? 200 : 503, { ...report, ready, eventBus });
      }
      if (await pages.handle(req, res, url)) return;
      if (url.pathname !== config.GATEWAY_PATH) return sendJson(res, 404, { error: `not found; GraphQL is served at ${config.GATEWAY_PATH}` });
      if (req.method !== 'GET' && req.method !== 'POST') {
        return sendGraphQLError(res, 405, 'GraphQL is served over GET (queries) and POST', 'METHOD_NOT_ALLOWED', { allow: 'GET, POST' });
      }
      // A client's own traceparent is continued; the trace id is answered so a person can look it up.
      const traceparent = typeof req.headers.traceparent === 'string' ? req.headers.traceparent : null;
      const span = { service: 'gateway', kind: 'server' as const, parent: remoteParent(traceparent), attributes: { 'http.request.method': req.method ?? '' } };
      await withSpan(`${req.method} ${config.GATEWAY_PATH}`, span, async () => {
        const traceId = currentTraceId();
        if (traceId) res.setHeader('x-trace-id', traceId);
        await handleGraphQL(req, res, requestId);
      });
    };
    handle().catch((error: unknown) => {
      if (res.headersSent) return res.destroy();
      if (error instanceof PayloadTooLargeError) return sendGraphQLError(res, 413, error.message, 'PAYLOAD_TOO_LARGE');
      if (error instanceof MalformedBodyError) return sendGraphQLError(res, 400, error.message, 'BAD_REQUEST');
      log.error({ err: error, requestId }, 'request failed');
      sendGraphQLError(res, 500, 'Internal server error', 'INTERNAL_SERVER_ERROR');
    });
  });
  const drain = drainOnClose(server);
  const hub = new SubscriptionHub({
    log,
    execute: createDirectExecutor({
      gateway,
      schema: () => apiSchema,
      log,
      formatError: (formatted, error) => maskError(formatted, (e) => log.error({ err: e }, 'event lookup failed'), error),
    }),
  });
  const sockets = attachSubscriptionServer({
    server,
    path: config.GATEWAY_PATH,
    hub,
    schema: () => apiSchema!,
    validationRules: armor.validationRules,
    authenticate,
    log,
    // The socket's context holds the role it was opened with: a changed role (lowered or raised) ends
    // it like a removed membership, and the client reconnects under the role now in force.
    revalidate: async (org) => (org.actor.type === 'apiKey' ? apiKeys.stillValid(org) : (await lookupMembership(org.actor.id, org.orgId)) === org.roles[0]),
    revalidateMs: config.SOCKET_REVALIDATE_MS,
    initTimeoutMs: config.SOCKET_INIT_TIMEOUT_MS,
    keepAliveMs: config.SOCKET_KEEPALIVE_MS,
    maxTokens: config.MAX_TOKENS,
    allowOrigin: origins.allows,
    documentFor: (org, client, payload) => socketDocument(org.orgId, client, payload, documents),
  });
  const unsubscribe = options.bus
    ? await options.bus.subscribe((event) => {
        // A revoked key is refused from this moment on this process, and its sockets end.
        if (event.type === 'ApiKeyRevoked' && event.source === 'access') {
          apiKeys.revoke(event.aggregateId);
          sockets.closeActor(event.aggregateId, 'Forbidden: API key revoked');
        }
        void hub.publish(event);
      })
    : null;
  await listen(server, { port: options.port ?? config.GATEWAY_PORT, host: config.GATEWAY_HOST, variable: 'GATEWAY_PORT' });
  const port = (server.address() as AddressInfo).port;
  const url = `http://localhost:${port}${config.GATEWAY_PATH}`;
  log.info({ url }, 'gateway listening');
  return {
    url,
    port,
    hub,
    sockets,
    async close() {
      unsubscribe?.();
      await sockets.close();
      await drain(config.SHUTDOWN_GRACE_MS);
      await apollo.stop();
      await costLimiter.close();
      redis?.disconnect();
    },
  };
}
