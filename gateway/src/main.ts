import { readFileSync } from 'node:fs';
import { EXIT_CONFIG, PortInUseError, createEventBus, createLogger, loadConfigOrExit, repoRoot, resolveSecrets, startTracing } from '@flowledger/shared';
import { join } from 'node:path';
import { startGateway } from './start-gateway.ts';
import { subgraphUrlsFromConfig } from './subgraph-urls.ts';

const config = loadConfigOrExit();
const log = createLogger('gateway', config.LOG_LEVEL);
// Before anything connects: spans exist only from here on.
const tracing = config.OTEL_EXPORTER_OTLP_ENDPOINT ? startTracing({ service: 'flowledger-gateway', endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT }) : null;
try {
  const databaseUrl = config.APP_DATABASE_URL ?? config.DATABASE_URL;
  // Events for subscriptions: Redis when configured, else the database's LISTEN/NOTIFY.
  const bus = config.REDIS_URL || databaseUrl ? createEventBus({ config, databaseUrl: databaseUrl ?? '', log }) : undefined;
  if (!bus) log.warn('no REDIS_URL or database URL: subscriptions will receive no events');
  const running = await startGateway({
    bus,
    config,
    secrets: resolveSecrets(config),
    log,
    supergraphSdl: readFileSync(join(repoRoot, 'schema/supergraph.graphql'), 'utf8'),
    subgraphUrls: subgraphUrlsFromConfig(config),
  });
  const stop = async (signal: string) => {
    log.info({ signal }, 'draining');
    await running.close();
    await bus?.close();
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
