import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { npmStartEnv, spawnNpmStart } from '../testing/npm-start-process.ts';

/**
 * `npm run bench:soak`: the whole graph as `npm start` runs it, under mixed load through the gateway
 * for --minutes (default 10): dashboard reads, writes, malformed and unauthenticated requests, and
 * subscription sockets that come and go. Prints every service's RSS after warm-up and at the end;
 * the goal is growth under 10 % (a leak grows with the requests, not with warm-up).
 */
const { values: args } = parseArgs({
  options: { minutes: { type: 'string', default: '10' }, warmup: { type: 'string', default: '120' }, concurrency: { type: 'string', default: '8' } },
});
const MINUTES = Number(args.minutes);
const WARMUP_S = Number(args.warmup);
const CONCURRENCY = Number(args.concurrency);
const say = (line: string) => process.stdout.write(`[soak] ${line}\n`);

const DASHBOARD =
  '{ me { organization { name } } clients(first: 20) { totalCount edges { node { name contacts { email } positions { title } } } } today(filter: { everyone: true }) { reason slaStatus pursuit { name client { name } } } pipelineBoard { columns { stage count } } }';
const MALFORMED = [
  '{"query":',
  '{"query":"{ me { role } } query B { me { role } }"}',
  '{"query":"subscription { pursuitStageChanged { to } }"}',
  '{"query":"{ clients(first: 9999) { totalCount } }"}',
  '{"query":"{ clients(filter: { search: \\"a\\\\u0000b\\" }) { totalCount } }"}',
  '{"query":"{ me { role } }","variables":"abc"}',
  `{"query":"{ ${'a: me { role } '.repeat(40)} }"}`,
  '{"query":"mutation($i: CreateClientInput!) { createClient(input: $i) { userErrors { code } } }","variables":{"i":{"name":""}}}',
  '{"query":"{ nope }"}',
  '[]',
];

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'flowledger-soak-'));
  const env = await npmStartEnv({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  const started = spawnNpmStart(env);
  const graph = started.child;
  const stop = async () => {
    if (graph.exitCode === null) {
      const exited = new Promise((resolve) => graph.once('exit', resolve));
      graph.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await started.waitFor(/is up in/, 120_000);
    const output = started.output;
    const token = /ACME_TOKEN=(\S+)/.exec(output)![1]!;
    const pids = started.pids();
    const url = `http://127.0.0.1:${env.GATEWAY_PORT}/graphql`;
    const clientsAnswer = (await (
      await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ clients(first: 20) { edges { node { id } } } }' }),
      })
    ).json()) as { data: { clients: { edges: { node: { id: string } }[] } } };
    const clientIds = clientsAnswer.data.clients.edges.map((e) => e.node.id);
    say(`graph up; ${CONCURRENCY} load loops for ${MINUTES} min (warm-up ${WARMUP_S} s)`);

    const statuses = new Map<number, number>();
    let requests = 0;
    let sockets = 0;
    let running = true;
    const post = async (body: string, auth = true) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${token}` } : {}) },
        body,
      });
      await response.arrayBuffer();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      requests++;
    };
    const socketRound = async () => {
      const client = createClient({
        url: url.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        connectionParams: { authorization: `Bearer ${token}` },
      });
      await new Promise<void>((resolve) => {
        const stopTimer = setTimeout(resolve, 300);
        client.subscribe(
          { query: 'subscription { candidateStatusChanged { id to candidate { title } } }' },
          { next: () => {}, error: () => (clearTimeout(stopTimer), resolve()), complete: resolve },
        );
      });
      await client.dispose();
      sockets++;
    };
    let n = 0;
    const loop = async () => {
      while (running) {
        const i = n++;
        try {
          if (i % 10 < 5) await post(JSON.stringify({ query: DASHBOARD }));
          // Signals for a fixed set of clients attach to their open candidates: the data the reads
          // walk stays the same size, so what grows is the process, not the work.
          else if (i % 10 < 7)
            await post(
              JSON.stringify({
                query: 'mutation($i: CreateSignalInput!) { createSignal(input: $i) { candidate { id } userErrors { code } } }',
                variables: { i: { source: 'WEB', summary: `soak ${i}`, clientId: clientIds[i % clientIds.length] } },
              }),
            );
          else if (i % 10 < 9) await post(MALFORMED[i % MALFORMED.length]!, i % 20 !== 7);
          else await socketRound();
        } catch {
          statuses.set(0, (statuses.get(0) ?? 0) + 1);
        }
      }
    };
    const loops = Array.from({ length: CONCURRENCY }, loop);
    await new Promise((resolve) => setTimeout(resolve, WARMUP_S * 1000));
    say(`warm-up done: ${requests} requests, ${sockets} sockets`);
    const start = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, rssMiB(pid)]));
    const startedAt = Date.now();
    const startRequests = requests;
    for (let minute = 1; minute <= MINUTES; minute++) {
      await new Promise((resolve) => setTimeout(resolve, 60_000));
      say(
        `minute ${minute}: ${requests - startRequests} requests, ${sockets} sockets; RSS ${Object.entries(pids)
          .map(([name, pid]) => `${name} ${rssMiB(pid).toFixed(0)} MiB`)
          .join(', ')}`,
      );
    }
    const end = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, rssMiB(pid)]));
    running = false;
    await Promise.all(loops);
    const seconds = (Date.now() - startedAt) / 1000;
    say(
      `${requests - startRequests} requests in ${seconds.toFixed(0)} s (${((requests - startRequests) / seconds).toFixed(0)}/s), ${sockets} sockets; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    say('service        RSS after warm-up   RSS at end   growth');
    let worst = 0;
    for (const name of Object.keys(pids)) {
      const growth = (end[name]! / start[name]! - 1) * 100;
      worst = Math.max(worst, growth);
      say(`${name.padEnd(14)} ${start[name]!.toFixed(1).padStart(10)} MiB ${end[name]!.toFixed(1).padStart(10)} MiB ${growth.toFixed(1).padStart(7)} %`);
    }
    const serverErrors = [...statuses].filter(([status]) => status >= 500).reduce((sum, [, count]) => sum + count, 0);
    say(`worst growth ${worst.toFixed(1)} % (goal < 10 %): ${worst < 10 ? 'met' : 'NOT met'}; 5xx answers: ${serverErrors}`);
  } finally {
    await stop();
  }
}

await main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`[soak] failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
