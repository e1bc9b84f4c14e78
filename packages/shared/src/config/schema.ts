import { z } from 'zod';
import { SUBGRAPH_REGISTRY, settingPrefix } from '../subgraph/registry.ts';
import type { SubgraphName } from '../subgraph/registry.ts';

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const optionalUrl = z.url().optional();
const linkSecret = z.string().min(32, 'must be at least 32 characters').optional();

type SubgraphSettings = { [K in SubgraphName as `${Uppercase<K>}_PORT`]: ReturnType<typeof port> } & {
  [K in SubgraphName as `${Uppercase<K>}_URL`]: typeof optionalUrl;
} & { [K in SubgraphName as `${Uppercase<K>}_PUBLIC_URL`]: typeof optionalUrl } & {
  [K in SubgraphName as `${Uppercase<K>}_LINK_SECRET`]: typeof linkSecret;
};

/**
 * `<NAME>_PORT` (its default port), `<NAME>_URL` (where the gateway finds it) and `<NAME>_PUBLIC_URL`
 * (where browsers reach its public routes, such as an invoice's PDF) for every subgraph
 * of a registry: the configuration's, and a test's registry with a fixture subgraph added.
 */
export function subgraphSettingsFor(registry: readonly { name: string; port: number }[]): Record<string, z.ZodType> {
  return Object.fromEntries(
    registry.flatMap((s) => [
      [`${settingPrefix(s.name)}_PORT`, port(s.port)],
      [`${settingPrefix(s.name)}_URL`, optionalUrl],
      [`${settingPrefix(s.name)}_PUBLIC_URL`, optionalUrl],
      [`${settingPrefix(s.name)}_LINK_SECRET`, linkSecret],
    ]),
  );
}

function subgraphSettings(): SubgraphSettings {
  const entries = SUBGRAPH_REGISTRY.flatMap((s) => [
    [`${settingPrefix(s.name)}_PORT`, port(s.port)],
    [`${settingPrefix(s.name)}_URL`, optionalUrl],
    [`${settingPrefix(s.name)}_PUBLIC_URL`, optionalUrl],
    [`${settingPrefix(s.name)}_LINK_SECRET`, linkSecret],
  ]);
  // The keys are computed from the registry; the mapped type above says which they are.
  return Object.fromEntries(entries) as SubgraphSettings;
}

/**
 * Every environment variable the graph reads, in one place. docker-compose.yml and the README
 * are checked against this list by a test, so a variable cannot be documented but ignored.
 */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where local state lives: the embedded PostgreSQL and the generated development secrets. */
  DATA_DIR: z.string().min(1).optional(),

  /** The owner connection: runs migrations. Unset means an embedded PostgreSQL. */
  DATABASE_URL: optionalUrl,
  /** The application connection: a role that owns nothing and cannot bypass RLS. */
  APP_DATABASE_URL: optionalUrl,
  /** The system scope's connection (outbox relays, schedulers): a member of flowledger_system_scope; else bootstrapped. */
  SYSTEM_DATABASE_URL: optionalUrl,
  DB_POOL_MAX: positiveInt(10),
  /** The event bus: Redis pub/sub when set, else PostgreSQL LISTEN/NOTIFY (no extra server). */
  REDIS_URL: optionalUrl,
  /** `npm run migrate` also loads the demo organisations and data (npm start always does). */
  SEED_DEMO: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),

  /** HS256 secret for people's tokens; or JWT_JWKS_URL for asymmetric keys. */
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_JWKS_URL: optionalUrl,
  JWT_ISSUER: z.string().min(1).default('flowledger-dev'),
  JWT_AUDIENCE: z.string().min(1).default('flowledger-graph'),
  /** The longest token lifetime (exp - iat) the gateway accepts, in seconds. */
  JWT_MAX_LIFETIME_S: positiveInt(86_400),
  /** HMAC secret of the gateway -> subgraph signature; never the JWT key. */
  SUBGRAPH_SIGNING_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),

  GATEWAY_HOST: z.string().min(1).default('0.0.0.0'),
  GATEWAY_PORT: port(4000),
  GATEWAY_PATH: z.string().startsWith('/').default('/graphql'),
  /** Origins browser pages may call the graph from (comma-separated; `http://host:*` for any port). Unset: localhost in development, none in production. */
  CORS_ORIGINS: z.string().optional(),
  SUBGRAPH_HOST: z.string().min(1).default('0.0.0.0'),
  /** Per registered subgraph: its port, and where the gateway finds it (default localhost and that port). */
  ...subgraphSettings(),

  MAX_BODY_BYTES: positiveInt(1_048_576),
  MAX_PAGE_SIZE: positiveInt(250),
  MAX_DEPTH: positiveInt(12),
  MAX_ALIASES: positiveInt(30),
  MAX_TOKENS: positiveInt(4000),
  MAX_COST: positiveInt(20000),
  /** Every person's and API key's cost budget (a key may carry its own): points, and points restored per second. */
  // The bucket store counts in a 32-bit integer: a window's points stay far below 2^31.
  RATE_LIMIT_POINTS: z.coerce.number().int().positive().max(1_000_000_000).default(20000),
  RATE_LIMIT_RESTORE_PER_S: positiveInt(1000),
  SHUTDOWN_GRACE_MS: positiveInt(10_000),
  /** When set, /metrics answers only `Authorization: Bearer <METRICS_TOKEN>`; in production /metrics is off without it. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** GraphiQL at GET /graphql for browsers: on by default except in production. */
  GRAPHIQL: z.enum(['on', 'off']).optional(),
  /**
   * Development only (ignored in production): demo people as `name=token,name=token`. GraphiQL puts
   * the first token in its Headers tab; the dashboard's sign-in offers each. npm start passes the demo admins'.
   */
  DEMO_TOKENS: z
    .string()
    .regex(/^[\w .@-]+=[\w.-]+(,[\w .@-]+=[\w.-]+)*$/, 'must be name=token pairs separated by commas')
    .optional(),
  /** An OTLP/HTTP collector (e.g. http://localhost:4318): traces of every service go there; unset, tracing is off. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  /** How long the gateway waits for one subgraph request; past it that part of the answer is an error. */
  SUBGRAPH_TIMEOUT_MS: positiveInt(5_000),
  /** How long the gateway reuses a membership answer; a removed membership stops working within this. */
  MEMBERSHIP_CACHE_MS: positiveInt(30_000),
  API_KEY_CACHE_MS: positiveInt(30_000),
  /** How often open subscription sockets have their membership checked again (closed with 4403 if gone). */
  SOCKET_REVALIDATE_MS: positiveInt(30_000),
  /** How long a new socket may take to send connection_init (closed with 4408 after). */
  SOCKET_INIT_TIMEOUT_MS: positiveInt(10_000),
  /** How often the gateway pings every socket; one that missed the previous ping is dropped. */
  SOCKET_KEEPALIVE_MS: positiveInt(12_000),
});

export type Config = z.infer<typeof configSchema>;
