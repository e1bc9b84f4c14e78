import { readFileSync } from 'node:fs';
import { createLogger, loadConfigOrExit, repoRoot, resolveSecrets } from '@flowledger/shared';
import { join } from 'node:path';
import { startGateway } from './start-gateway.ts';
import { subgraphUrlsFromConfig } from './subgraph-urls.ts';

const config = loadConfigOrExit();
const log = createLogger('gateway', config.LOG_LEVEL);
try {
  const running = await startGateway({
    config,
    secrets: resolveSecrets(config),
    log,
    supergraphSdl: readFileSync(join(repoRoot, 'schema/supergraph.graphql'), 'utf8'),
    subgraphUrls: subgraphUrlsFromConfig(config),
  });
  const stop = async (signal: string) => {
    log.info({ signal }, 'draining');
    await running.close();
    log.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  // Started by `npm start` with an IPC channel: if that parent dies, do not linger on the port.
  process.once('disconnect', () => void stop('parent exited'));
} catch (error) {
  log.fatal({ err: error }, 'failed to start');
  process.exit(1);
}
