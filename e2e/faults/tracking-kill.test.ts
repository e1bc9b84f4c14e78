import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFullGraph } from '@flowledger/devtools/testing';
import type { FullGraph } from '@flowledger/devtools/testing';
import { findFreePort, repoRoot, withPgClient } from '@flowledger/shared';
import { TEST_SECRETS, waitFor } from '@flowledger/shared/testkit';
import { mutate } from '../workstream-helpers.ts';

/**
 * `kill -9` of the tracking service under load loses no answered hit: every pixel request that got
 * its GIF is a stored row, because a hit is answered only once the batch holding it committed.
 */
let graph: FullGraph;
let child: ChildProcess | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'flowledger-tracking-kill-'));

beforeAll(async () => {
  graph = await startFullGraph();
});
afterAll(async () => {
  child?.kill('SIGKILL');
  await graph?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('every answered hit is stored after the tracking process is killed with SIGKILL mid-load', async () => {
  const port = await findFreePort();
  child = spawn(process.execPath, [join(repoRoot, 'subgraphs/tracking/src/main.ts')], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
      DATABASE_URL: graph.db.ownerUrl,
      APP_DATABASE_URL: graph.db.appUrl,
      SYSTEM_DATABASE_URL: graph.db.systemUrl,
      JWT_SECRET: TEST_SECRETS.jwtSecret,
      SUBGRAPH_SIGNING_SECRET: TEST_SECRETS.signingSecret,
      TRACKING_PORT: String(port),
      SUBGRAPH_HOST: '127.0.0.1',
    },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${base}/healthz`).catch(() => null))?.ok === true, { timeoutMs: 30_000 });

  const client = await mutate(graph, 'createClient', { name: 'Killed Co' }, 'client { id }');
  const contact = await mutate(graph, 'createContact', { clientId: client.client.id, firstName: 'Kim', email: 'kim@killed.example' }, 'contact { id }');
  const made = await mutate(
    graph,
    'registerMessage',
    { contactId: contact.contact.id, subject: 'Under fire', sentAt: new Date(Date.now() - 3600_000).toISOString() },
    'trackedMessage { id pixelUrl }',
  );
  const pixel = `${base}${new URL(made.trackedMessage.pixelUrl).pathname}`;

  const answered = new Set<string>();
  let sent = 0;
  let killed = false;
  const loop = async (worker: number) => {
    for (let n = 0; !killed || n < 0; n++) {
      const ua = `Mozilla/5.0 (kill-test ${worker}-${n}) AppleWebKit/605.1.15 Safari/605.1.15`;
      sent++;
      const response = await fetch(pixel, { headers: { 'user-agent': ua } }).catch(() => null);
      if (!response) return;
      if (response.status === 200 && (await response.arrayBuffer().catch(() => null))) answered.add(ua);
    }
  };
  const loops = Array.from({ length: 32 }, (_, i) => loop(i));
  await waitFor(() => answered.size >= 300, { timeoutMs: 30_000 });
  child.kill('SIGKILL');
  killed = true;
  await Promise.all(loops);

  const stored = await withPgClient(
    graph.db.ownerUrl,
    async (pg) =>
      new Set(
        (await pg.query('select user_agent from tracking.tracking_hit where message_id = $1', [made.trackedMessage.id])).rows.map(
          (r) => r.user_agent as string,
        ),
      ),
  );
  const lost = [...answered].filter((ua) => !stored.has(ua));
  expect({ answered: answered.size > 0, lost }).toEqual({ answered: true, lost: [] });
  // Some requests were in flight when the process died: stored, but never answered, is allowed.
  expect(stored.size).toBeGreaterThanOrEqual(answered.size);
  expect(sent).toBeGreaterThan(answered.size);
}, 90_000);
