import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findFreePorts, loadConfig, mintToken, repoRoot, resolveSecrets, signContext, startEmbeddedPostgres } from '@flowledger/shared';
import { waitFor } from '@flowledger/shared/testkit';
import type { Config, Secrets } from '@flowledger/shared';
import { prepareDatabase } from '../prepare-database.ts';
import { loadSubgraphs } from '../subgraphs.ts';
import { createBenchFixture } from './bench-fixture.ts';
import type { BenchOrg } from './bench-fixture.ts';

export interface BenchProcess {
  name: string;
  child: ChildProcess;
}

export interface BenchGraph {
  env: NodeJS.ProcessEnv;
  config: Config;
  secrets: Secrets;
  ports: Record<string, number>;
  /** The gateway's base URL (no path). */
  base: string;
  appUrl: string;
  orgs: BenchOrg[];
  tokens: string[];
  processes: BenchProcess[];
  /** Starts another process with the bench's environment (a peer to measure beside the graph). */
  spawnPeer(name: string, script: string, env?: Record<string, string>): BenchProcess;
  /** Requests and SQL statements each subgraph has served so far (its signed /internal/stats). */
  subgraphStats(): Promise<Record<string, { requests: number; statements: number }>>;
  stop(): Promise<void>;
}

/** SIGTERM, and SIGKILL for whoever has not exited 5 s later: a bench never hangs on its way out. */
export async function stopAll(children: ChildProcess[]): Promise<void> {
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
  const exited = running.map((child) => new Promise((resolve) => child.once('exit', resolve)));
  for (const child of running) child.kill('SIGTERM');
  const timer = setTimeout(() => running.forEach((child) => child.kill('SIGKILL')), 5000);
  await Promise.all(exited);
  clearTimeout(timer);
}

/** CPU seconds (user + system) a process has used, from /proc. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * The graph as separate processes (each subgraph, the gateway) over a database of the bench's own
 * (embedded unless DATABASE_URL is set), with `orgs` organisations of fixture data and a token for
 * each. The benchmarks measure processes, so nothing runs in the bench's own process but load.
 */
export async function startBenchGraph(options: {
  dataDir: string;
  orgs: number;
  pursuitsPerOrg: number;
  clientsPerOrg?: number;
  env?: Record<string, string>;
  say: (line: string) => void;
}): Promise<BenchGraph> {
  const SUBGRAPHS = await loadSubgraphs();
  const processes: BenchProcess[] = [];
  let stopDb: (() => Promise<void>) | null = null;
  let ownerUrl = process.env.DATABASE_URL;
  if (!ownerUrl) {
    const db = await startEmbeddedPostgres({ dir: join(options.dataDir, 'pg') });
    ownerUrl = db.url;
    stopDb = db.stop;
  }
  const { appUrl, systemUrl } = await prepareDatabase({ ownerUrl });
  const orgs = await createBenchFixture(ownerUrl, options.orgs, options.pursuitsPerOrg, options.clientsPerOrg ?? 0);
  const free = await findFreePorts(SUBGRAPHS.length + 1);
  const ports: Record<string, number> = { GATEWAY_PORT: free[0]! };
  SUBGRAPHS.forEach(({ definition }, i) => (ports[`${definition.name.toUpperCase()}_PORT`] = free[i + 1]!));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: options.dataDir,
    DATABASE_URL: ownerUrl,
    APP_DATABASE_URL: appUrl,
    SYSTEM_DATABASE_URL: systemUrl,
    LOG_LEVEL: 'warn',
    DB_POOL_MAX: '20',
    // The benchmarks measure throughput, not throttling: budgets no load generator reaches (still charged).
    RATE_LIMIT_POINTS: '100000000',
    RATE_LIMIT_RESTORE_PER_S: '10000000',
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    ...options.env,
  };
  delete env.REDIS_URL;
  const spawnPeer = (name: string, script: string, extra: Record<string, string> = {}): BenchProcess => {
    // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles every process of a run.
    const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    const child = spawn(process.execPath, [...nodeArgs, join(repoRoot, script)], { env: { ...env, ...extra }, stdio: ['ignore', 'inherit', 'inherit'] });
    const peer = { name, child };
    processes.push(peer);
    return peer;
  };
  const healthy = (url: string) =>
    fetch(url).then(
      (r) => r.ok,
      () => false,
    );
  for (const { dir, definition } of SUBGRAPHS) spawnPeer(definition.name, join(dir, 'src/main.ts'));
  await waitFor(
    async () =>
      (await Promise.all(SUBGRAPHS.map(({ definition }) => healthy(`http://127.0.0.1:${ports[`${definition.name.toUpperCase()}_PORT`]}/healthz`)))).every(
        Boolean,
      ),
    { timeoutMs: 60_000 },
  );
  spawnPeer('gateway', 'gateway/src/main.ts');
  const base = `http://127.0.0.1:${ports.GATEWAY_PORT}`;
  await waitFor(() => healthy(`${base}/readyz`), { timeoutMs: 60_000 });
  const config = loadConfig({ ...env, NODE_ENV: 'development' });
  const secrets = resolveSecrets(config);
  const tokens = await Promise.all(
    orgs.map(
      async (org) =>
        (
          await mintToken(
            { secret: secrets.jwtSecret, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE },
            { userId: org.userId, orgId: org.id, roles: ['ADMIN'], expiresIn: 3600 },
          )
        ).token,
    ),
  );
  options.say(`graph up: ${SUBGRAPHS.length} subgraphs and a gateway, ${orgs.length} organisations of fixture data`);
  return {
    env,
    config,
    secrets,
    ports,
    base,
    appUrl,
    orgs,
    tokens,
    processes,
    spawnPeer,
    async subgraphStats() {
      const entries = await Promise.all(
        SUBGRAPHS.map(async ({ definition }) => {
          const body = '{}';
          const headers = signContext({ secret: secrets.signingSecret, subgraph: definition.name, context: null, body });
          const port = ports[`${definition.name.toUpperCase()}_PORT`];
          const response = await fetch(`http://127.0.0.1:${port}/internal/stats`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...headers },
            body,
          });
          return [definition.name, (await response.json()) as { requests: number; statements: number }] as const;
        }),
      );
      return Object.fromEntries(entries);
    },
    async stop() {
      await stopAll(processes.map((p) => p.child));
      await stopDb?.();
    },
  };
}
