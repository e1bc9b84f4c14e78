import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createSignedLinks, findFreePort, repoRoot, startEmbeddedPostgres, uuidv7, withPgClient } from '@flowledger/shared';
import { waitFor } from '@flowledger/shared/testkit';
import { tokenText } from '../../../../subgraphs/tracking/src/domain/tracking-token.ts';
import { prepareDatabase } from '../prepare-database.ts';
import { cpuSeconds } from './bench-graph.ts';

/**
 * `npm run bench:tracking`: hits recorded per second by the tracking service (group commit; a hit is
 * answered once its batch committed) against a peer that inserts each hit on its own before answering
 * (what Listmonk and Mautic do), same database, same load (autocannon on the pixel); then the tracking
 * service is killed with SIGKILL in the middle of a run and the answered hits are compared with the
 * rows stored. Goals: ≥ 5,000 recorded hits/s on this machine, 0 answered hits lost.
 * Options: --seconds (per run, default 10) --connections (default 256: many mail clients at once) --no-kill (stop with SIGTERM instead, e.g. to profile).
 */
const { values: args } = parseArgs({
  options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '256' }, 'no-kill': { type: 'boolean', default: false } },
});
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
const lines: string[] = [];
const say = (line: string) => {
  lines.push(line);
  process.stdout.write(`[bench:tracking] ${line}\n`);
};

const SECRET = 'bench-tracking-signing-secret-0123456789';
const ORG = '01938000-0000-7000-8000-0000000be001';

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'flowledger-bench-tracking-'));
  const children: ChildProcess[] = [];
  const db = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dir: join(dataDir, 'pg') });
  const ownerUrl = process.env.DATABASE_URL ?? db!.url;
  try {
    const { appUrl, systemUrl } = await prepareDatabase({ ownerUrl });
    const messages = [uuidv7(), uuidv7()];
    await withPgClient(ownerUrl, async (client) => {
      for (const id of messages)
        await client.query(
          `insert into tracking.tracked_message (id, org_id, contact_id, subject, sent_at) values ($1, $2, $3, 'Bench', now() - interval '1 hour')`,
          [id, ORG, uuidv7()],
        );
    });
    const count = (messageId: string) =>
      withPgClient(ownerUrl, async (client) =>
        Number((await client.query('select count(*) from tracking.tracking_hit where message_id = $1', [messageId])).rows[0].count),
      );

    const port = await findFreePort();
    const start = () => {
      const child = spawn(
        process.execPath,
        [...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), join(repoRoot, 'subgraphs/tracking/src/main.ts')],
        {
          env: {
            PATH: process.env.PATH,
            NODE_ENV: 'production',
            LOG_LEVEL: 'error',
            DATA_DIR: dataDir,
            DATABASE_URL: ownerUrl,
            APP_DATABASE_URL: appUrl,
            SYSTEM_DATABASE_URL: systemUrl,
            JWT_SECRET: SECRET,
            SUBGRAPH_SIGNING_SECRET: SECRET,
            TRACKING_PORT: String(port),
            SUBGRAPH_HOST: '127.0.0.1',
          },
          stdio: ['ignore', 'inherit', 'inherit'],
        },
      );
      children.push(child);
      return child;
    };
    const links = createSignedLinks({ secret: SECRET, subgraph: 'tracking', publicUrl: () => `http://127.0.0.1:${port}` });
    const pixel = (messageId: string) =>
      links.url(
        `/t/o/${links.seal(tokenText({ kind: 'OPEN', orgId: ORG, messageId, sentAt: Math.floor(Date.now() / 1000) - 3600, expiresAt: Math.floor(Date.now() / 1000) + 86_400 }))}`,
      );
    const peerPort = await findFreePort();
    const peer = spawn(process.execPath, [join(repoRoot, 'packages/devtools/src/bench/tracking-peer.ts')], {
      env: { PATH: process.env.PATH, PEER_DATABASE_URL: ownerUrl, PEER_PORT: String(peerPort), PEER_ORG_ID: ORG, PEER_MESSAGE_ID: messages[1]! },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    children.push(peer);
    let tracking = start();
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.ok === true, { timeoutMs: 60_000 });
    await waitFor(async () => (await fetch(`http://127.0.0.1:${peerPort}/`).catch(() => null))?.ok === true, { timeoutMs: 30_000 });
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    say(`commit ${commit}; ${CONNECTIONS} connections, ${SECONDS} s per run; one human user agent`);
    const headers = { 'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15' };
    const run = async (name: string, url: string, messageId: string, pid: number) => {
      const before = await count(messageId);
      const cpu = cpuSeconds(pid);
      const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
      const stored = (await count(messageId)) - before;
      const perSecond = stored / SECONDS;
      say(
        `${name.padEnd(9)} ${perSecond.toFixed(0).padStart(6)} recorded hits/s  answered ${result.requests.total}  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  errors ${result.errors + result.non2xx}  CPU ${(((cpuSeconds(pid) - cpu) / SECONDS) * 100).toFixed(0)}%`,
      );
      return perSecond;
    };
    await autocannon({ url: pixel(messages[0]!), connections: CONNECTIONS, duration: 2, headers }); // warm-up
    const ours = await run('tracking', pixel(messages[0]!), messages[0]!, tracking.pid!);
    const theirs = await run('peer', `http://127.0.0.1:${peerPort}/`, messages[1]!, peer.pid!);
    say(`ratio tracking/peer ${(ours / theirs).toFixed(2)}; goal ≥ 5000 recorded hits/s: ${ours >= 5000 ? 'met' : 'not met'}`);

    if (args['no-kill']) {
      tracking.kill('SIGTERM');
      await new Promise((resolve) => tracking.once('exit', resolve));
      return;
    }
    // kill -9 mid-run: every 2xx autocannon received must be a stored row.
    const before = await count(messages[0]!);
    let answered = 0;
    const load = new Promise<void>((resolve) => {
      const instance = autocannon({ url: pixel(messages[0]!), connections: CONNECTIONS, duration: SECONDS, headers }, () => resolve());
      instance.on('response', (_client: unknown, statusCode: number) => {
        if (statusCode === 200) answered++;
      });
    });
    await new Promise((resolve) => setTimeout(resolve, (SECONDS * 1000) / 2));
    tracking.kill('SIGKILL');
    const killedAt = answered;
    await load;
    const stored = (await count(messages[0]!)) - before;
    say(`kill -9 after ${killedAt} answered hits: ${stored} stored, ${Math.max(0, killedAt - stored)} answered hits lost (goal 0)`);
    tracking = start();
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.ok === true, { timeoutMs: 60_000 });
    say(`restarted: ${(await fetch(pixel(messages[0]!))).status} from the pixel`);

    const dir = join(repoRoot, 'bench/results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `tracking-${new Date().toISOString().slice(0, 10)}-${commit}.txt`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    say(`written to ${file}`);
  } finally {
    for (const child of children) child.kill('SIGKILL');
    await db?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`[bench:tracking] failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
