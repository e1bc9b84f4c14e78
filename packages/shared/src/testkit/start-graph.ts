import type { ServiceMetrics } from '../metrics/service-metrics.ts';
import type { Config } from '../config/schema.ts';
import type { Secrets } from '../config/secrets.ts';
import { createOrm } from '../db/create-orm.ts';
import type { Orm } from '../db/create-orm.ts';
import { createLogger } from '../log.ts';
import type { Logger } from '../log.ts';
import type { SubgraphDefinition } from '../subgraph/definition.ts';
import { startSubgraph } from '../subgraph/start-subgraph.ts';
import type { RunningSubgraph } from '../subgraph/start-subgraph.ts';
import { createTestDatabase } from './test-database.ts';
import { systemClock } from '../clock.ts';
import type { Clock } from '../clock.ts';
import { createPgEventBus } from '../events/pg-event-bus.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { TestDatabase } from './test-database.ts';
import { TEST_SECRETS, testConfig } from './test-config.ts';

/** The gateway's starter, injected: the gateway package depends on this one, not the other way. */
export type GatewayStarter = (options: {
  config: Config;
  secrets: Secrets;
  log: Logger;
  supergraphSdl: string;
  subgraphUrls: Record<string, string>;
  port?: number;
  bus?: EventBus;
}) => Promise<RunningGatewayLike>;

/** What the tests need of a running gateway. */
export interface RunningGatewayLike {
  url: string;
  port: number;
  close(): Promise<void>;
  hub?: { stats: { events: number; duplicates: number; lookups: number; executions: number; deliveries: number }; size: number };
}

export interface TestGraph {
  db: TestDatabase;
  config: Config;
  /** The gateway's GraphQL URL, or null when started without one. */
  gatewayUrl: string | null;
  gateway: RunningGatewayLike | null;
  /** Another gateway over the same subgraphs, with an event bus connection of its own (like another process). */
  startAnotherGateway(): Promise<RunningGatewayLike>;
  /** Each subgraph with its ORM, and (for one with workers) an ORM on the system scope's role. */
  subgraphs: Record<string, RunningSubgraph & { orm: Orm; systemOrm: Orm | null }>;
  /** The event bus the subgraphs' relays publish to (PostgreSQL LISTEN/NOTIFY on the test database). */
  bus: EventBus;
  /**
   * Stops one subgraph (server and workers), runs `whileStopped`, and starts it again on the same
   * port: a service that was down while the rest of the graph went on.
   */
  restartSubgraph(name: string, whileStopped?: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/**
 * Every given subgraph and (optionally) the gateway, in this process, on free ports, over a database
 * of their own: the real servers a user would talk to, only started by a test.
 */
export async function startTestGraph(options: {
  subgraphs: SubgraphDefinition[];
  gateway?: { start: GatewayStarter; supergraphSdl: string };
  config?: Record<string, string>;
  seed?: (orms: Record<string, Orm>) => Promise<void>;
  /** Where every service logs; by default nowhere (LOG_LEVEL silent) unless TEST_LOG_LEVEL says otherwise. */
  log?: Logger;
  /** The subgraphs' clock (requests and workers); a ManualClock lets a test move time. */
  clock?: Clock;
  /** Start the subgraphs' background workers (relays, schedulers). Default true. */
  workers?: boolean;
  /** Runs on the new database before anything starts (a fixture subgraph's migrations). */
  prepare?: (db: TestDatabase) => Promise<void>;
  /** The event bus (each gateway gets its own); default PostgreSQL LISTEN/NOTIFY on the test database. */
  createBus?: (log: Logger, databaseUrl: string) => EventBus;
}): Promise<TestGraph> {
  const config = testConfig(options.config);
  const db = await createTestDatabase();
  await options.prepare?.(db);
  const log = options.log ?? createLogger('test', config.LOG_LEVEL);
  const subgraphs: TestGraph['subgraphs'] = {};
  const orms: Record<string, Orm> = {};
  // Filled as each subgraph starts: reference checks look their owners up here at request time.
  const subgraphUrls: Record<string, string> = {};
  const serve = (definition: SubgraphDefinition, orm: Orm, systemOrm: Orm | null, port: number, metrics?: ServiceMetrics) =>
    startSubgraph({
      metrics,
      metricsAccess: { token: config.METRICS_TOKEN, production: config.NODE_ENV === 'production' },
      definition,
      orm,
      systemOrm,
      log: log.child({ service: definition.name }),
      signingSecret: TEST_SECRETS.signingSecret,
      port,
      host: '127.0.0.1',
      maxPageSize: config.MAX_PAGE_SIZE,
      maxBodyBytes: config.MAX_BODY_BYTES,
      shutdownGraceMs: 1000,
      clock: options.clock,
      subgraphUrls,
    });
  for (const definition of options.subgraphs) {
    const orm = await createOrm({ name: definition.name, url: db.appUrl, schema: definition.dbSchema, entities: definition.entities, poolMax: 5 });
    orms[definition.name] = orm;
    const systemOrm = definition.workers
      ? await createOrm({ name: `${definition.name}:system`, url: db.systemUrl, schema: definition.dbSchema, entities: definition.entities, poolMax: 2 })
      : null;
    const running = await serve(definition, orm, systemOrm, 0);
    subgraphUrls[definition.name] = running.url;
    subgraphs[definition.name] = { ...running, orm, systemOrm };
  }
  const newBus = () => (options.createBus ? options.createBus(log, db.appUrl) : createPgEventBus({ url: db.appUrl, log }));
  const bus = newBus();
  const workersOf = (definition: SubgraphDefinition) =>
    options.workers === false
      ? []
      : (definition.workers?.({
          orm: orms[definition.name]!,
          appUrl: db.appUrl,
          systemUrl: db.systemUrl,
          systemOrm: subgraphs[definition.name]!.systemOrm!,
          bus,
          clock: options.clock ?? systemClock,
          log: log.child({ service: definition.name }),
          signingSecret: TEST_SECRETS.signingSecret,
          subgraphUrls,
          metrics: subgraphs[definition.name]!.metrics,
        }) ?? []);
  const workersBySubgraph = new Map(options.subgraphs.map((definition) => [definition.name, workersOf(definition)]));
  const allWorkers = () => [...workersBySubgraph.values()].flat();
  for (const worker of allWorkers()) await worker.start();
  if (options.seed) await options.seed(orms);
  const extraGateways: { gateway: RunningGatewayLike; bus: EventBus }[] = [];
  const startGatewayWith = (gatewayBus: EventBus) =>
    options.gateway!.start({
      config: { ...config, APP_DATABASE_URL: config.APP_DATABASE_URL ?? db.appUrl, GATEWAY_HOST: '127.0.0.1', SHUTDOWN_GRACE_MS: 1000 },
      secrets: TEST_SECRETS,
      log: log.child({ service: 'gateway' }),
      supergraphSdl: options.gateway!.supergraphSdl,
      subgraphUrls: Object.fromEntries(Object.values(subgraphs).map((s) => [s.name, s.url])),
      port: 0,
      bus: gatewayBus,
    });
  const gateway = options.gateway ? await startGatewayWith(bus) : null;
  return {
    db,
    config,
    bus,
    gatewayUrl: gateway?.url ?? null,
    gateway,
    subgraphs,
    async startAnotherGateway() {
      const ownBus = newBus();
      const another = await startGatewayWith(ownBus);
      extraGateways.push({ gateway: another, bus: ownBus });
      return another;
    },
    async restartSubgraph(name, whileStopped) {
      const definition = options.subgraphs.find((d) => d.name === name);
      const current = subgraphs[name];
      if (!definition || !current) throw new Error(`no subgraph ${name} in this graph`);
      for (const worker of workersBySubgraph.get(name) ?? []) await worker.stop();
      await current.close();
      await whileStopped?.();
      const running = await serve(definition, current.orm, current.systemOrm, current.port, current.metrics);
      subgraphs[name] = { ...running, orm: current.orm, systemOrm: current.systemOrm };
      const workers = workersOf(definition);
      workersBySubgraph.set(name, workers);
      for (const worker of workers) await worker.start();
    },
    async close() {
      for (const extra of extraGateways) {
        await extra.gateway.close();
        await extra.bus.close();
      }
      await gateway?.close();
      for (const worker of allWorkers()) await worker.stop();
      await bus.close();
      for (const s of Object.values(subgraphs)) {
        await s.close();
        await s.orm.close(true);
        await s.systemOrm?.close(true);
      }
      await db.drop();
    },
  };
}
