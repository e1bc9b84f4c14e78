import { loadConfigOrExit } from '../config/load-config.ts';
import type { Config } from '../config/schema.ts';
import { SUBGRAPH_NAMES, subgraphUrlsFromConfig } from './registry.ts';
import { resolveSecrets } from '../config/secrets.ts';
import { assertSafeAppRole, ensureAppRole } from '../db/app-role.ts';
import { ensureSystemRole } from '../db/system-role.ts';
import { createOrm } from '../db/create-orm.ts';
import { createLogger } from '../log.ts';
import type { SubgraphDefinition } from './definition.ts';
import { startSubgraph } from './start-subgraph.ts';
import { systemClock } from '../clock.ts';
import { createEventBus } from '../events/create-event-bus.ts';
import { EXIT_CONFIG, PortInUseError } from '../net/listen.ts';
import { startTracing } from '../telemetry/tracing.ts';

/** The application's connection: APP_DATABASE_URL, else the role bootstrapped from the owner's URL. */
export async function appDatabaseUrl(config: Config): Promise<string> {
  if (config.APP_DATABASE_URL) return config.APP_DATABASE_URL;
  if (config.DATABASE_URL) return ensureAppRole(config.DATABASE_URL);
  throw new Error('APP_DATABASE_URL or DATABASE_URL is required (npm start provides both for the embedded database)');
}

/** The system scope's connection: SYSTEM_DATABASE_URL, else the role bootstrapped from the owner's URL. */
export async function systemDatabaseUrl(config: Config): Promise<string> {
  if (config.SYSTEM_DATABASE_URL) return config.SYSTEM_DATABASE_URL;
  if (config.DATABASE_URL) return ensureSystemRole(config.DATABASE_URL);
  throw new Error('SYSTEM_DATABASE_URL or DATABASE_URL is required for a subgraph with background workers');
}

/** Port of a subgraph from `<NAME>_PORT`. */
export function subgraphPort(config: Config, name: string): number {
  const value = (config as Record<string, unknown>)[`${name.toUpperCase()}_PORT`];
  if (typeof value !== 'number') throw new Error(`no ${name.toUpperCase()}_PORT in the configuration schema`);
  return value;
}

/** The entry point of every subgraph process: config, safe database role, server, clean SIGTERM. */
export async function runSubgraph(definition: SubgraphDefinition): Promise<void> {
  const config = loadConfigOrExit();
  const log = createLogger(definition.name, config.LOG_LEVEL);
  // Before the pools open: a connection is traced only if tracing was on when it connected.
  const endpoint = config.OTEL_EXPORTER_OTLP_ENDPOINT;
  const tracing = endpoint ? startTracing({ service: `flowledger-${definition.name}`, endpoint }) : null;
  try {
    const secrets = resolveSecrets(config);
    const url = await appDatabaseUrl(config);
    await assertSafeAppRole(url);
    const orm = await createOrm({ name: definition.name, url, schema: definition.dbSchema, entities: definition.entities, poolMax: config.DB_POOL_MAX });
    const bus = definition.workers ? createEventBus({ config, databaseUrl: url, log }) : null;
    const systemUrl = bus ? await systemDatabaseUrl(config) : null;
    if (systemUrl) await assertSafeAppRole(systemUrl, { system: true });
    const systemOrm = systemUrl
      ? await createOrm({ name: `${definition.name}:system`, url: systemUrl, schema: definition.dbSchema, entities: definition.entities, poolMax: 2 })
      : null;
    const subgraphUrls = subgraphUrlsFromConfig(config, SUBGRAPH_NAMES);
    const running = await startSubgraph({
      definition,
      orm,
      systemOrm,
      log,
      signingSecret: secrets.signingSecret,
      port: subgraphPort(config, definition.name),
      host: config.SUBGRAPH_HOST,
      maxBodyBytes: config.MAX_BODY_BYTES,
      maxPageSize: config.MAX_PAGE_SIZE,
      shutdownGraceMs: config.SHUTDOWN_GRACE_MS,
      subgraphUrls,
      publicUrl: (config as Record<string, unknown>)[`${definition.name.toUpperCase()}_PUBLIC_URL`] as string | undefined,
      metricsAccess: { token: config.METRICS_TOKEN, production: config.NODE_ENV === 'production' },
      linkSecret: (config as Record<string, unknown>)[`${definition.name.toUpperCase()}_LINK_SECRET`] as string | undefined,
    });
    const workers = bus
      ? definition.workers!({
          orm,
          appUrl: url,
          systemUrl: systemUrl!,
          systemOrm: systemOrm!,
          bus,
          clock: systemClock,
          log,
          signingSecret: secrets.signingSecret,
          subgraphUrls,
          metrics: running.metrics,
        })
      : [];
    for (const worker of workers) await worker.start();
    const stop = async (signal: string) => {
      log.info({ signal }, 'draining');
      await running.close();
      for (const worker of workers) await worker.stop();
      await bus?.close();
      await systemOrm?.close();
      await orm.close();
      await tracing?.shutdown();
      log.info('stopped');
      process.exit(0);
    };
    process.once('SIGTERM', () => void stop('SIGTERM'));
    process.once('SIGINT', () => void stop('SIGINT'));
    // Started by `npm start` with an IPC channel: if that parent dies, do not linger on the port.
    process.once('disconnect', () => void stop('parent exited'));
  } catch (error) {
    if (error instanceof PortInUseError) {
      log.fatal(error.message);
      process.exit(EXIT_CONFIG);
    }
    log.fatal({ err: error }, 'failed to start');
    process.exit(1);
  }
}
