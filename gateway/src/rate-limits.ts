import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { LRUCache } from 'lru-cache';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { parse, validate } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import type { Redis } from 'ioredis';
import { createResilientPool } from '@flowledger/shared';
import { sendJson } from '@flowledger/shared';
import type { Logger, OrgContext } from '@flowledger/shared';
import type { ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from './gateway-context.ts';

/** A bucket of cost points: each operation is charged its cost; it refills at `restoreRate` points per second. */
export interface Budget {
  maximumAvailable: number;
  restoreRate: number;
}

/** What every response says about the caller's budget (`extensions.cost`), after this operation. */
export interface CostReport {
  requested: number;
  throttle: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
}

export type Charge = { ok: true; cost: CostReport } | { ok: false; retryAfterMs: number; cost: CostReport };

/**
 * The static cost of an operation — GraphQL Armor's, the one MAX_COST bounds — computed by running
 * Armor's own rule once per distinct document and operation, then cached.
 */
export function createCostCalculator(schema: () => GraphQLSchema | null) {
  const cache = new LRUCache<string, number>({ max: 5000 });
  return (query: string, operationName: string | null): number => {
    const key = `${operationName ?? ''}\n${query}`;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const api = schema();
    let cost = 1;
    try {
      const document = parse(query, { maxTokens: 20_000 });
      const found: number[] = [];
      const rule = costLimitRule({ maxCost: Number.MAX_SAFE_INTEGER, onAccept: [(_context, { n }) => void found.push(n)], propagateOnRejection: false });
      if (api) validate(api, document, [rule]);
      // One figure per operation in the document: the one that runs (or the dearest, unnamed).
      cost = Math.max(1, Math.ceil(found.length ? Math.max(...found) : 1));
    } catch {
      // Not a document: Apollo refuses it before anything runs; charged the minimum.
    }
    cache.set(key, cost);
    return cost;
  };
}

/**
 * Cost budgets per API key and per person, shared by every gateway process: rate-limiter-flexible
 * over PostgreSQL (the access schema's bucket table) by default, or Redis when REDIS_URL is set. A
 * bucket holds `maximumAvailable` points and is refilled in full every maximumAvailable/restoreRate
 * seconds (restoreRate points per second on average). If the store cannot answer, each process
 * counts on its own (an in-memory insurance limiter) rather than refusing everyone.
 *
 * A process takes budget from the shared bucket in leases — the operation's cost, or a tenth of the
 * bucket if that is more — and charges later operations from its lease until it is spent or the
 * window ends: one store round trip per lease instead of per request. The price: across processes
 * the bucket can be over-drawn by at most a tenth per process, and `currentlyAvailable` is exact
 * for one process (the store's remainder plus this process's unspent lease).
 */
export function createCostLimiter(options: { databaseUrl?: string; redis?: Redis; log: Logger }) {
  const pool = !options.redis && options.databaseUrl ? createResilientPool({ url: options.databaseUrl, max: 4, log: options.log, name: 'rate limits' }) : null;
  const limiters = new Map<string, RateLimiterAbstract>();
  // Budget this process took from the shared bucket and has not spent yet, per caller, for the
  // bucket's current window: most requests are charged here, without a round trip to the store.
  const leases = new LRUCache<string, { left: number; storeRemaining: number; until: number }>({ max: 50_000 });
  const leasing = new Map<string, Promise<unknown>>();
  const limiterFor = (budget: Budget): RateLimiterAbstract => {
    const name = `cost${budget.maximumAvailable}x${budget.restoreRate}`;
    let limiter = limiters.get(name);
    if (limiter) return limiter;
    const shape = { keyPrefix: name, points: budget.maximumAvailable, duration: Math.max(1, Math.ceil(budget.maximumAvailable / budget.restoreRate)) };
    const insuranceLimiter = new RateLimiterMemory(shape);
    if (options.redis) limiter = new RateLimiterRedis({ ...shape, storeClient: options.redis, insuranceLimiter });
    else if (pool) {
      limiter = new RateLimiterPostgres({
        ...shape,
        storeClient: pool,
        schemaName: 'access',
        tableName: 'rate_limit_bucket',
        tableCreated: true,
        insuranceLimiter,
      });
    } else limiter = insuranceLimiter;
    limiters.set(name, limiter);
    return limiter;
  };

  return {
    async charge(org: OrgContext, budget: Budget, cost: number): Promise<Charge> {
      const key = `${org.orgId}:${org.actor.type}:${org.actor.id}`;
      const leaseKey = `${budget.maximumAvailable}x${budget.restoreRate}\n${key}`;
      // One lease at a time per caller and process: concurrent requests wait for it, then share it.
      for (;;) {
        const pending = leasing.get(leaseKey);
        if (!pending) break;
        await pending.catch(() => undefined);
      }
      const report = (remaining: number): CostReport => ({
        requested: cost,
        throttle: { maximumAvailable: budget.maximumAvailable, currentlyAvailable: Math.max(0, remaining), restoreRate: budget.restoreRate },
      });
      const now = Date.now();
      const held = leases.get(leaseKey);
      const lease = held && held.until > now ? held : null;
      if (lease && lease.left >= cost) {
        lease.left -= cost;
        return { ok: true, cost: report(lease.storeRemaining + lease.left) };
      }
      const taking = takeLease(limiterFor(budget), key, cost, Math.max(cost, Math.floor(budget.maximumAvailable / 10)));
      leasing.set(leaseKey, taking);
      try {
        const taken = await taking;
        if (!taken.ok) return { ok: false, retryAfterMs: taken.retryAfterMs, cost: report(taken.remaining) };
        const left = taken.points - cost + (lease?.left ?? 0);
        leases.set(leaseKey, { left, storeRemaining: taken.remaining, until: now + taken.msBeforeNext });
        return { ok: true, cost: report(taken.remaining + left) };
      } finally {
        leasing.delete(leaseKey);
      }
    },
    async close(): Promise<void> {
      await pool?.end();
    },
  };
}

export type CostLimiter = ReturnType<typeof createCostLimiter>;

type Taken = { ok: true; points: number; remaining: number; msBeforeNext: number } | { ok: false; remaining: number; retryAfterMs: number };

/** Takes `want` points from the shared bucket, or only `cost` near its end (giving the lease back). */
async function takeLease(limiter: RateLimiterAbstract, key: string, cost: number, want: number): Promise<Taken> {
  const refused = (res: RateLimiterRes): Taken => ({ ok: false, remaining: res.remainingPoints, retryAfterMs: Math.max(1, res.msBeforeNext) });
  try {
    const res = await limiter.consume(key, want);
    return { ok: true, points: want, remaining: res.remainingPoints, msBeforeNext: res.msBeforeNext };
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    if (want === cost) return refused(error);
  }
  await limiter.reward(key, want);
  try {
    const res = await limiter.consume(key, cost);
    return { ok: true, points: cost, remaining: res.remainingPoints, msBeforeNext: res.msBeforeNext };
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    return refused(error);
  }
}

/** The document and operation name a request runs (after persisted ids were resolved), POST or GET. */
export function documentOf(request: { method: string; search: string; body: unknown }): { query: string | null; operationName: string | null } {
  if (request.method === 'GET') {
    const params = new URLSearchParams(request.search);
    return { query: params.get('query'), operationName: params.get('operationName') };
  }
  const body = request.body as { query?: unknown; operationName?: unknown } | null;
  return {
    query: body && typeof body.query === 'string' ? body.query : null,
    operationName: body && typeof body.operationName === 'string' ? body.operationName : null,
  };
}

/** Every response says what the operation cost and what is left (Shopify's throttle status). */
export const costExtension: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        if (!contextValue.cost || response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        result.extensions = { ...result.extensions, cost: contextValue.cost };
      },
    };
  },
};

/** The name of a document's only operation, cheaply (for metrics when no operationName was sent). */
export function operationNameIn(query: string): string | null {
  return /^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(query)?.[1] ?? null;
}

/** Over budget: 429, Retry-After in seconds, RATE_LIMITED with the delay in ms, and the throttle status. */
export function sendRateLimited(res: ServerResponse, options: { cost: number; budget: Budget; retryAfterMs: number; report: CostReport }): void {
  const retryAfterS = Math.ceil(options.retryAfterMs / 1000);
  const message =
    options.cost > options.budget.maximumAvailable
      ? `this operation costs ${options.cost} points, more than the budget holds (${options.budget.maximumAvailable}); ask for fewer items`
      : `cost budget exhausted: this operation costs ${options.cost} points; retry in ${retryAfterS} s`;
  sendJson(
    res,
    429,
    { errors: [{ message, extensions: { code: 'RATE_LIMITED', retryAfterMs: options.retryAfterMs } }], extensions: { cost: options.report } },
    { 'content-type': 'application/graphql-response+json; charset=utf-8', 'retry-after': String(retryAfterS) },
  );
}
