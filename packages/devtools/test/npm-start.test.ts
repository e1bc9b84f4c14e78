import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort, repoRoot } from '@flowledger/shared';
import { createTestDatabase } from '@flowledger/shared/testkit';
import { createServer } from 'node:net';
import { loadSubgraphs } from '../src/subgraphs.ts';
const SUBGRAPHS = await loadSubgraphs();

/**
 * What a new user does: `npm start`, then the curl line it prints. Run as a real child process with
 * its own data folder and free ports, with an embedded PostgreSQL of its own (no DATABASE_URL).
 */
let child: ChildProcess;
let output = '';
let dataDir: string;
let env: NodeJS.ProcessEnv;
let startedIn = 0;

function waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; output so far:\n${output}`)), timeoutMs);
    const check = () => {
      const match = output.match(pattern);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', check);
        resolve(match);
      }
    };
    child.stdout!.on('data', check);
    check();
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'flowledger-start-'));
  // Every port free and its own: no test may bind a fixed one (a user's own npm start holds 4000…).
  env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'info', SUBGRAPH_TIMEOUT_MS: '1500', GATEWAY_PORT: String(await findFreePort()) };
  for (const { definition } of SUBGRAPHS) env[`${definition.name.toUpperCase()}_PORT`] = String(await findFreePort());
  delete env.DATABASE_URL;
  delete env.APP_DATABASE_URL;
  const started = Date.now();
  // Detached: a process group of its own, as a terminal gives `npm start`, so a test can send Ctrl-C to the group.
  child = spawn(process.execPath, [join(repoRoot, 'packages/devtools/src/start.ts')], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  await waitFor(/is up in/, 60_000);
  startedIn = Date.now() - started;
}, 90_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGKILL');
  }
  for (const pid of Object.values(pids())) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
});

/** The pid of every service, from the supervisor's lines (the last start of each). */
function pids(): Record<string, number> {
  const found: Record<string, number> = {};
  for (const match of output.matchAll(/\[start\] (\w+) started \(pid (\d+)\)/g)) found[match[1]!] = Number(match[2]);
  return found;
}

async function gql(query: string): Promise<{ status: number; body: any; ms: number }> {
  const token = output.match(/ACME_TOKEN=(\S+)/)![1]!;
  const started = Date.now();
  const response = await fetch(`http://localhost:${env.GATEWAY_PORT}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: await response.json(), ms: Date.now() - started };
}

const ACROSS = '{ me { organization { name } } clients(first: 1) { totalCount } }';

describe('npm start', () => {
  test('prints the URL, both demo tokens with their expiry, and a curl line, within 60 s', () => {
    expect(startedIn).toBeLessThan(60_000);
    expect(output).toContain(`http://localhost:${env.GATEWAY_PORT}/graphql`);
    expect(output).toMatch(/ACME_TOKEN=\S+\.\S+\.\S+/);
    expect(output).toMatch(/GLOBEX_TOKEN=\S+\.\S+\.\S+/);
    expect(output).toMatch(/expire \d{4}-\d{2}-\d{2}T/);
    expect(output).toMatch(/curl -s http:\/\/localhost:\d+\/graphql -H "authorization: Bearer \$ACME_TOKEN"/);
  });

  test("the printed acme token reads me (access) and acme's clients with contacts and positions (crm) in one request", async () => {
    const token = output.match(/ACME_TOKEN=(\S+)/)![1]!;
    const response = await fetch(`http://localhost:${env.GATEWAY_PORT}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: '{ me { organization { name } } clients(first: 100) { totalCount edges { node { name contacts { email } positions { title current } } } } }',
      }),
    });
    const body = (await response.json()) as any;
    expect(body.errors).toBeUndefined();
    expect(body.data.me.organization.name).toBe('Acme Consulting');
    expect(body.data.clients.totalCount).toBeGreaterThanOrEqual(25);
    const first = body.data.clients.edges[0].node;
    expect(first.contacts.length).toBeGreaterThan(0);
    expect(first.positions.length).toBe(first.contacts.length);
  });

  test('`npm run token` mints a working token for a seeded role while the graph runs', async () => {
    const minted = spawnSync(process.execPath, [join(repoRoot, 'packages/devtools/src/token.ts'), '--org', 'globex', '--role', 'ADMIN'], {
      env,
      encoding: 'utf8',
    });
    expect(minted.status).toBe(0);
    const response = await fetch(`http://localhost:${env.GATEWAY_PORT}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${minted.stdout.trim()}` },
      body: JSON.stringify({ query: '{ me { role organization { slug } } }' }),
    });
    expect(await response.json()).toEqual({ data: { me: { role: 'ADMIN', organization: { slug: 'globex' } } } });
    const refused = spawnSync(process.execPath, [join(repoRoot, 'packages/devtools/src/token.ts'), '--org', 'globex', '--role', 'VIEWER'], {
      env,
      encoding: 'utf8',
    });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('has no user with role VIEWER');
  });

  test("`npm run token` for a data folder without the graph's secrets refuses, naming the folder, and creates nothing", () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'flowledger-token-'));
    try {
      const run = spawnSync(process.execPath, [join(repoRoot, 'packages/devtools/src/token.ts')], { env: { ...env, DATA_DIR: elsewhere }, encoding: 'utf8' });
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(`no development secrets in ${elsewhere}`);
      expect(readdirSync(elsewhere)).toEqual([]);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  test('a stopped subgraph (SIGSTOP) costs its part of the answer, within the configured timeout', async () => {
    const crm = pids().crm!;
    process.kill(crm, 'SIGSTOP');
    try {
      const { status, body, ms } = await gql(ACROSS);
      expect(status).toBe(200);
      expect(body.data).toEqual({ me: { organization: { name: 'Acme Consulting' } }, clients: null });
      expect(body.errors).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(/^the crm service did not answer within 1500 ms/),
          extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'crm' },
        }),
      ]);
      expect(ms).toBeGreaterThanOrEqual(1400);
      expect(ms).toBeLessThan(5000);
      const ready = await fetch(`http://localhost:${env.GATEWAY_PORT}/readyz`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as any).subgraphs.crm).toBe('unreachable');
    } finally {
      process.kill(crm, 'SIGCONT');
    }
    expect((await gql(ACROSS)).body.errors).toBeUndefined();
  });

  test('a killed subgraph is restarted with backoff, said so in the log, while the others keep serving', async () => {
    const crm = pids().crm!;
    process.kill(crm, 'SIGKILL');
    await waitFor(/\[start\] crm exited \(SIGKILL\); restarting it in 1\.0 s \(restart 1\)/, 5000);
    const meanwhile = await gql('{ me { organization { name } } }');
    expect(meanwhile.body).toEqual({ data: { me: { organization: { name: 'Acme Consulting' } } } });
    const deadline = Date.now() + 20_000;
    let answer = await gql(ACROSS);
    while (answer.body.errors && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      answer = await gql(ACROSS);
    }
    expect(answer.body.errors).toBeUndefined();
    expect(pids().crm).not.toBe(crm);
  });

  test('Ctrl-C (SIGINT to the whole process group) drains every service, then stops the database, cleanly', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const started = Date.now();
    process.kill(-child.pid!, 'SIGINT');
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(8000);
    expect(output).toMatch(/\[gateway\].*"msg":"stopped"/);
    expect(output).toMatch(/\[crm\].*"msg":"stopped"/);
    expect(output).toMatch(/\[workstream\].*"msg":"stopped"/);
    expect(output).toContain('[start] stopped');
    // The database outlived the services: no service lost its connection while draining.
    expect(output).not.toMatch(/terminating connection|Connection terminated|"level":50/);
  });

  test('a port already taken: names the port and its variable, and stops at once', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(Number(env.CRM_PORT), '0.0.0.0', resolve));
    output = '';
    try {
      child = spawn(process.execPath, [join(repoRoot, 'packages/devtools/src/start.ts')], {
        cwd: repoRoot,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      child.stdout!.on('data', (chunk) => (output += chunk));
      child.stderr!.on('data', (chunk) => (output += chunk));
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(await exited).toBe(1);
      expect(output).toContain(`port ${env.CRM_PORT} on 0.0.0.0 is already in use: stop what holds it, or set CRM_PORT to another port`);
      expect(output).toContain('[start] stopped');
      expect(output).not.toMatch(/did not become ready/);
    } finally {
      holder.close();
    }
  }, 40_000);
});

describe('a subgraph process', () => {
  test('refuses to start when its database role is a superuser', async () => {
    const db = await createTestDatabase();
    try {
      const run = spawnSync(process.execPath, [join(repoRoot, 'subgraphs/crm/src/main.ts')], {
        env: { ...env, APP_DATABASE_URL: db.ownerUrl, CRM_PORT: '0' },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(run.status).toBe(1);
      expect(run.stdout + run.stderr).toMatch(/Refusing to start: the application connects as \\?".*\\?", which is a superuser/);
    } finally {
      await db.drop();
    }
  });

  test('lists every bad variable and exits non-zero', () => {
    const run = spawnSync(process.execPath, [join(repoRoot, 'subgraphs/crm/src/main.ts')], {
      env: { ...env, CRM_PORT: 'abc', MAX_PAGE_SIZE: '-1' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(78);
    expect(run.stderr).toMatch(/CRM_PORT: .*received "abc"/);
    expect(run.stderr).toMatch(/MAX_PAGE_SIZE: .*received "-1"/);
  });
});
