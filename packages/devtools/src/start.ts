import { fork } from 'node:child_process';
import { join } from 'node:path';
import { dataDir, loadConfigOrExit, repoRoot, resolveSecrets, subgraphPort } from '@flowledger/shared';
import { createSupervisor } from './supervisor.ts';
import { mintDemoToken } from './demo-tokens.ts';
import { prepareDatabase, seedDemo } from './prepare-database.ts';
import { loadSubgraphs } from './subgraphs.ts';

const SUBGRAPHS = await loadSubgraphs();

/**
 * `npm start`: the whole graph on one machine. A database (DATABASE_URL, else an embedded PostgreSQL
 * under .data/, in a process of its own), migrations, the demo seed, then every subgraph and the
 * gateway as supervised child processes (restarted when they crash). Ctrl-C or SIGTERM drains the
 * services, then stops the database.
 */
const config = loadConfigOrExit();
const secrets = resolveSecrets(config);
const say = (line: string) => process.stdout.write(`[start] ${line}\n`);
const started = Date.now();

let stopDatabase: (() => Promise<void>) | null = null;
let ownerUrl = config.DATABASE_URL;
if (!ownerUrl) {
  const dir = join(dataDir(config), 'pg');
  say(`starting embedded PostgreSQL in ${dir}`);
  const db = await startDatabaseProcess(dir);
  ownerUrl = db.url;
  stopDatabase = db.stop;
}
let appUrl: string;
let systemUrl: string;
try {
  const prepared = await prepareDatabase({ ownerUrl, appUrl: config.APP_DATABASE_URL, systemUrl: config.SYSTEM_DATABASE_URL });
  appUrl = prepared.appUrl;
  systemUrl = prepared.systemUrl;
  say(prepared.applied.length ? `applied migrations: ${prepared.applied.join(', ')}` : 'migrations up to date');
  await seedDemo(appUrl, systemUrl);
  say('demo data seeded (acme, globex)');
} catch (error) {
  say(`could not prepare the database: ${error instanceof Error ? error.message : String(error)}`);
  await stopDatabase?.();
  process.exit(1);
}

// Minted before the gateway starts: GraphiQL offers the acme admin's token to whoever opens it (development only).
const acme = await mintDemoToken({ config, secrets, org: 'acme', role: 'ADMIN' });
const globex = await mintDemoToken({ config, secrets, org: 'globex', role: 'ADMIN' });

let stopping = false;
const supervisor = createSupervisor({
  env: {
    ...process.env,
    DATABASE_URL: ownerUrl,
    APP_DATABASE_URL: appUrl,
    SYSTEM_DATABASE_URL: systemUrl,
    DATA_DIR: dataDir(config),
    DEMO_TOKENS: process.env.DEMO_TOKENS ?? `acme admin=${acme.token},globex admin=${globex.token}`,
  },
  say,
  onFatal: () => void shutdown(1),
});

async function shutdown(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say('stopping');
  await supervisor.stop(config.SHUTDOWN_GRACE_MS + 5000);
  await stopDatabase?.();
  say('stopped');
  process.exit(exitCode);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
// The terminal closing (SIGHUP) ends the graph cleanly too.
process.on('SIGHUP', () => void shutdown(0));

for (const { definition, dir } of SUBGRAPHS) supervisor.start(definition.name, join(repoRoot, dir, 'src/main.ts'));
await waitForReady(`http://127.0.0.1:${config.GATEWAY_PORT}/readyz`, 60_000, () => supervisor.start('gateway', join(repoRoot, 'gateway/src/main.ts')));

const url = `http://localhost:${config.GATEWAY_PORT}${config.GATEWAY_PATH}`;
process.stdout.write(`
FlowLedger Graph is up in ${((Date.now() - started) / 1000).toFixed(1)} s: ${url}
GraphiQL (open it in a browser, the acme token is in its Headers tab): ${url}
Live dashboard: http://localhost:${config.GATEWAY_PORT}/dashboard

ACME_TOKEN=${acme.token}
GLOBEX_TOKEN=${globex.token}
(both expire ${acme.expiresAt.toISOString()}; mint more with: npm run token -- --org acme --role VIEWER)

curl -s ${url} -H "authorization: Bearer $ACME_TOKEN" -H 'content-type: application/json' \\
  -d '{"query":"{ me { organization { name } } clients(first: 3) { totalCount edges { node { name contacts { displayName } } } } }"}'

`);

/** Starts the gateway once every subgraph answers, then waits for the gateway's own readiness. */
async function waitForReady(gatewayReadyz: string, timeoutMs: number, startGateway: () => void): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const ok = async (u: string) =>
    fetch(u).then(
      (r) => r.ok,
      () => false,
    );
  const subgraphReadyz = SUBGRAPHS.map(({ definition }) => `http://127.0.0.1:${subgraphPort(config, definition.name)}/healthz`);
  let gatewayStarted = false;
  while (Date.now() < deadline && !stopping) {
    if (!gatewayStarted && (await Promise.all(subgraphReadyz.map(ok))).every(Boolean)) {
      startGateway();
      gatewayStarted = true;
    }
    if (gatewayStarted && (await ok(gatewayReadyz))) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  say(`the graph did not become ready within ${timeoutMs / 1000} s`);
  await shutdown(1);
}

/** The embedded database in a detached process of its own (see embedded-db-process.ts). */
async function startDatabaseProcess(dir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child = fork(join(repoRoot, 'packages/devtools/src/embedded-db-process.ts'), [dir], { detached: true, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`the embedded PostgreSQL did not start (exit ${code})`)));
  }).catch((error: Error) => {
    say(error.message);
    process.exit(1);
  });
  return {
    url,
    async stop() {
      if (child.exitCode === null) child.send('stop');
      await exited;
    },
  };
}
