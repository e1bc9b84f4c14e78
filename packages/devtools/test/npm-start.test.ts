import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '@flowledger/shared';
import { createTestDatabase } from '@flowledger/shared/testkit';
import { createServer } from 'node:net';
import { npmStartEnv, spawnNpmStart } from '../src/testing/npm-start-process.ts';
import type { NpmStartProcess } from '../src/testing/npm-start-process.ts';
import { hasChromium, launchChromium, noChromium } from './browser.ts';
import { useGraphiQL } from './graphiql-in-browser.ts';

/**
 * What a new user does: `npm start`, then the curl line it prints. Run as a real child process with
 * its own data folder and free ports, with an embedded PostgreSQL of its own (no DATABASE_URL).
 */
let graph: NpmStartProcess;
let dataDir: string;
let env: NodeJS.ProcessEnv;
let startedIn = 0;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'flowledger-start-'));
  env = await npmStartEnv({ DATA_DIR: dataDir, LOG_LEVEL: 'info', SUBGRAPH_TIMEOUT_MS: '1500' });
  const started = Date.now();
  graph = spawnNpmStart(env);
  await graph.waitFor(/is up in/, 60_000);
  startedIn = Date.now() - started;
}, 90_000);

afterAll(async () => {
  if (graph?.child.exitCode === null) {
    graph.child.kill('SIGKILL');
  }
  for (const pid of Object.values(graph.pids())) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
});

async function gql(query: string): Promise<{ status: number; body: any; ms: number }> {
  const token = graph.output.match(/ACME_TOKEN=(\S+)/)![1]!;
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
    expect(graph.output).toContain(`http://localhost:${env.GATEWAY_PORT}/graphql`);
    expect(graph.output).toMatch(/ACME_TOKEN=\S+\.\S+\.\S+/);
    expect(graph.output).toMatch(/GLOBEX_TOKEN=\S+\.\S+\.\S+/);
    expect(graph.output).toMatch(/expire \d{4}-\d{2}-\d{2}T/);
    expect(graph.output).toMatch(/curl -s http:\/\/localhost:\d+\/graphql -H "authorization: Bearer \$ACME_TOKEN"/);
  });

  test("the printed acme token reads me (access) and acme's clients with contacts and positions (crm) in one request", async () => {
    const token = graph.output.match(/ACME_TOKEN=(\S+)/)![1]!;
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

  (hasChromium ? test : test.skip)(
    `GraphiQL opens at the gateway's URL in Chromium, offline, with the demo token: a query and a subscription event${hasChromium ? '' : ` (${noChromium})`}`,
    async () => {
      const url = `http://localhost:${env.GATEWAY_PORT}/graphql`;
      const browser = await launchChromium();
      try {
        const seen = await useGraphiQL(browser, url, async () => {
          const signal = await gql('mutation { createSignal(input: { source: MANUAL, summary: "From the GraphiQL test" }) { candidate { id } } }');
          expect(signal.body.errors).toBeUndefined();
          const id = signal.body.data.createSignal.candidate.id;
          await gql(`mutation { triageCandidate(input: { id: "${id}", status: TRIAGED }) { candidate { id } } }`);
        });
        expect(seen.headers).toContain(graph.output.match(/ACME_TOKEN=(\S+)/)![1]!);
        expect(seen.queryResult).toContain('Acme Consulting');
        expect(seen.subscriptionResult).toContain('"to": "TRIAGED"');
        expect(seen.elsewhere).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    60_000,
  );

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
    // Beside the data, every answer says what it cost (extensions.cost).
    expect({ ...((await response.json()) as object), extensions: undefined }).toEqual({ data: { me: { role: 'ADMIN', organization: { slug: 'globex' } } } });
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
    const crm = graph.pids().crm!;
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
    const crm = graph.pids().crm!;
    process.kill(crm, 'SIGKILL');
    await graph.waitFor(/\[start\] crm exited \(SIGKILL\); restarting it in 1\.0 s \(restart 1\)/, 5000);
    const meanwhile = await gql('{ me { organization { name } } }');
    expect({ ...meanwhile.body, extensions: undefined }).toEqual({ data: { me: { organization: { name: 'Acme Consulting' } } } });
    const deadline = Date.now() + 20_000;
    let answer = await gql(ACROSS);
    while (answer.body.errors && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      answer = await gql(ACROSS);
    }
    expect(answer.body.errors).toBeUndefined();
    expect(graph.pids().crm).not.toBe(crm);
  });

  test('Ctrl-C (SIGINT to the whole process group) drains every service, then stops the database, cleanly', async () => {
    const exited = new Promise<number | null>((resolve) => graph.child.once('exit', resolve));
    const started = Date.now();
    process.kill(-graph.child.pid!, 'SIGINT');
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(8000);
    expect(graph.output).toMatch(/\[gateway\].*"msg":"stopped"/);
    expect(graph.output).toMatch(/\[crm\].*"msg":"stopped"/);
    expect(graph.output).toMatch(/\[workstream\].*"msg":"stopped"/);
    expect(graph.output).toContain('[start] stopped');
    // The database outlived the services: no service lost its connection while draining.
    expect(graph.output).not.toMatch(/terminating connection|Connection terminated|"level":50/);
  });

  test('a port already taken: names the port and its variable, and stops at once', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(Number(env.CRM_PORT), '0.0.0.0', resolve));
    try {
      graph = spawnNpmStart(env);
      const exited = new Promise<number | null>((resolve) => graph.child.once('exit', resolve));
      expect(await exited).toBe(1);
      expect(graph.output).toContain(`port ${env.CRM_PORT} on 0.0.0.0 is already in use: stop what holds it, or set CRM_PORT to another port`);
      expect(graph.output).toContain('[start] stopped');
      expect(graph.output).not.toMatch(/did not become ready/);
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
