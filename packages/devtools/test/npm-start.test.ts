import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort, repoRoot } from '@flowledger/shared';
import { createTestDatabase } from '@flowledger/shared/testkit';

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
  env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'info', GATEWAY_PORT: String(await findFreePort()), ACCESS_PORT: String(await findFreePort()), CRM_PORT: String(await findFreePort()) };
  delete env.DATABASE_URL;
  delete env.APP_DATABASE_URL;
  const started = Date.now();
  child = spawn(process.execPath, [join(repoRoot, 'packages/devtools/src/start.ts')], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  await waitFor(/is up in/, 60_000);
  startedIn = Date.now() - started;
}, 90_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGKILL');
  }
  rmSync(dataDir, { recursive: true, force: true });
});

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
      body: JSON.stringify({ query: '{ me { organization { name } } clients(first: 100) { totalCount edges { node { name contacts { email } positions { title current } } } } }' }),
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
    const minted = spawnSync(process.execPath, [join(repoRoot, 'packages/devtools/src/token.ts'), '--org', 'globex', '--role', 'ADMIN'], { env, encoding: 'utf8' });
    expect(minted.status).toBe(0);
    const response = await fetch(`http://localhost:${env.GATEWAY_PORT}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${minted.stdout.trim()}` },
      body: JSON.stringify({ query: '{ me { role organization { slug } } }' }),
    });
    expect(await response.json()).toEqual({ data: { me: { role: 'ADMIN', organization: { slug: 'globex' } } } });
    const refused = spawnSync(process.execPath, [join(repoRoot, 'packages/devtools/src/token.ts'), '--org', 'globex', '--role', 'VIEWER'], { env, encoding: 'utf8' });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('has no user with role VIEWER');
  });

  test('SIGTERM drains every service and stops the database', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toMatch(/\[gateway\].*"msg":"stopped"/);
    expect(output).toMatch(/\[crm\].*"msg":"stopped"/);
    expect(output).toContain('[start] stopped');
  });
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
