import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { findFreePort, repoRoot } from '@flowledger/shared';
import { waitFor } from '@flowledger/shared/testkit';
import { cpuSeconds, startBenchGraph } from './bench-graph.ts';
import type { BenchGraph } from './bench-graph.ts';

/**
 * `npm run bench:graph`: Q1 (crm only), Q2 (pursuits with their clients) and Q3 (the README's
 * dashboard query) through (a) our gateway, (b) stock @apollo/gateway on the same running subgraphs
 * and, for Q2, (c) the floor: node:http + pg with one hand-written statement. Two shapes: identical
 * (one organisation, one body) and varied (ten organisations, different variables). Targets
 * alternate, under the same load. Prints req/s, p50/p99, errors, CPU of every process, subgraph
 * requests and SQL statements per request, and the ratios; writes them to bench/results/.
 * Options: --seconds (per run, default 10) --connections (default 30) --rounds (default 1) --only Q1,Q2.
 */
const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '30' },
    rounds: { type: 'string', default: '1' },
    only: { type: 'string' },
  },
});
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
const ROUNDS = Number(args.rounds);
const lines: string[] = [];
const say = (line: string) => {
  lines.push(line);
  process.stdout.write(`[bench:graph] ${line}\n`);
};

const QUERIES = {
  Q1: 'query Q1($first: Int) { clients(first: $first) { edges { node { name domain contacts { displayName email } positions { title contact { email } } } } } }',
  Q2: 'query Q2($first: Int) { pursuits(first: $first) { edges { node { id name stage value { amount currency } client { name domain } } } } }',
  Q3: 'query Q3($first: Int) { today(filter: { everyone: true }, first: $first) { reason slaStatus priority candidate { title } pursuit { name stage client { name } } } pipelineBoard { columns { stage count totals { currency total weighted } } } }',
} as const;
type QueryName = keyof typeof QUERIES;
const SELECTED = (args.only ? args.only.split(',') : Object.keys(QUERIES)) as QueryName[];
type Shape = 'identical' | 'varied';

interface Run {
  reqPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  cpu: Record<string, number>;
  subgraphRequests: number;
  statements: number;
}

/** The bodies and tokens a run cycles through: one for identical, ten organisations × variables for varied. */
function requestsFor(graph: BenchGraph, query: QueryName, shape: Shape): { body: string; token: string }[] {
  if (shape === 'identical') return [{ body: JSON.stringify({ query: QUERIES[query], variables: { first: 20 } }), token: graph.tokens[0]! }];
  return graph.tokens.flatMap((token, i) =>
    [0, 1].map((j) => ({ body: JSON.stringify({ query: QUERIES[query], variables: { first: 15 + ((i + j * 5) % 10) } }), token })),
  );
}

async function load(graph: BenchGraph, url: string, query: QueryName, shape: Shape, counts: boolean, seconds = SECONDS): Promise<Run> {
  const plan = requestsFor(graph, query, shape);
  let n = 0;
  const pids = Object.fromEntries(graph.processes.map((p) => [p.name, p.child.pid!]));
  const cpuBefore = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)]));
  const statsBefore = counts ? await graph.subgraphStats() : null;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const next = plan[n++ % plan.length]!;
          return { ...request, headers: { 'content-type': 'application/json', authorization: `Bearer ${next.token}` }, body: next.body };
        },
      },
    ],
  });
  const statsAfter = counts ? await graph.subgraphStats() : null;
  const total = result.requests.total || 1;
  const sum = (stats: Awaited<ReturnType<BenchGraph['subgraphStats']>> | null, key: 'requests' | 'statements') =>
    stats ? Object.values(stats).reduce((s, v) => s + v[key], 0) : 0;
  return {
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    cpu: Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, ((cpuSeconds(pid) - cpuBefore[name]!) / seconds) * 100])),
    subgraphRequests: counts ? (sum(statsAfter, 'requests') - sum(statsBefore, 'requests')) / total : 0,
    statements: counts ? (sum(statsAfter, 'statements') - sum(statsBefore, 'statements')) / total : 0,
  };
}

const describeRun = (target: string, run: Run) =>
  `${target.padEnd(8)} ${run.reqPerSec.toFixed(0).padStart(6)} req/s  p50 ${String(run.p50).padStart(4)} ms  p99 ${String(run.p99).padStart(4)} ms  errors ${run.errors}  ` +
  `subgraph req/op ${run.subgraphRequests.toFixed(2)}  SQL/op ${run.statements.toFixed(2)}  CPU ${Object.entries(run.cpu)
    .filter(([, v]) => v >= 1)
    .map(([k, v]) => `${k} ${v.toFixed(0)}%`)
    .join(', ')}`;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'flowledger-bench-graph-'));
  const stockPort = await findFreePort();
  const floorPort = await findFreePort();
  const graph = await startBenchGraph({ dataDir, orgs: 10, pursuitsPerOrg: 40, clientsPerOrg: 40, say });
  try {
    graph.spawnPeer('stock-gw', 'packages/devtools/src/bench/stock-gateway.ts', { STOCK_GATEWAY_PORT: String(stockPort) });
    graph.spawnPeer('floor', 'packages/devtools/src/bench/floor-server.ts', { FLOOR_PORT: String(floorPort) });
    const targets = { a: `${graph.base}/graphql`, b: `http://127.0.0.1:${stockPort}/`, c: `http://127.0.0.1:${floorPort}/` };
    const answers = async (url: string) =>
      (
        await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${graph.tokens[0]}` },
          body: JSON.stringify({ query: QUERIES.Q2, variables: { first: 20 } }),
        }).catch(() => null)
      )?.text() ?? null;
    await waitFor(async () => (await answers(targets.b)) !== null && (await answers(targets.c)) !== null, { timeoutMs: 60_000 });
    const [ours, stock, floor] = await Promise.all([answers(targets.a), answers(targets.b), answers(targets.c)]);
    // The data: ours also says what the operation cost (extensions.cost), which the peers do not.
    const dataOf = (text: string | null) => JSON.stringify(JSON.parse(text ?? 'null')?.data ?? null);
    say(`Q2 answers equal: ours = stock ${dataOf(ours) === dataOf(stock)}, ours = floor ${dataOf(ours) === dataOf(floor)}`);
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    say(`commit ${commit}; ${CONNECTIONS} connections, ${SECONDS} s per run, ${ROUNDS} round(s), targets alternating`);
    // Warm-up, unmeasured: every target answers every query for a few seconds (JIT, pools, caches).
    for (const query of SELECTED)
      for (const target of (query === 'Q2' ? ['a', 'b', 'c'] : ['a', 'b']) as ('a' | 'b' | 'c')[])
        await load(graph, targets[target], query, 'varied', false, 2);
    const best: Record<string, Run> = {};
    for (let round = 0; round < ROUNDS; round++) {
      for (const query of SELECTED) {
        for (const shape of ['identical', 'varied'] as const) {
          // The best of the rounds is kept.
          for (const target of (query === 'Q2' ? ['a', 'b', 'c'] : ['a', 'b']) as ('a' | 'b' | 'c')[]) {
            const run = await load(graph, targets[target], query, shape, target !== 'c');
            const key = `${query} ${shape} ${target}`;
            if (!best[key] || run.reqPerSec > best[key].reqPerSec) best[key] = run;
            say(`${query} ${shape.padEnd(9)} ${describeRun(target, run)}`);
          }
        }
      }
    }
    say('summary (best of rounds): a = our gateway, b = stock @apollo/gateway, c = hand-written floor');
    for (const query of SELECTED) {
      for (const shape of ['identical', 'varied'] as const) {
        const a = best[`${query} ${shape} a`]!;
        const b = best[`${query} ${shape} b`]!;
        const c = best[`${query} ${shape} c`];
        say(
          `${query} ${shape.padEnd(9)} a ${a.reqPerSec.toFixed(0)} req/s, b ${b.reqPerSec.toFixed(0)} req/s${c ? `, c ${c.reqPerSec.toFixed(0)} req/s` : ''}; ` +
            `a/b ${(a.reqPerSec / b.reqPerSec).toFixed(2)}${c ? `, a/c ${(a.reqPerSec / c.reqPerSec).toFixed(3)}` : ''}; SQL/op a ${a.statements.toFixed(1)}`,
        );
      }
    }
    const dir = join(repoRoot, 'bench/results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `graph-${new Date().toISOString().slice(0, 10)}-${commit}.txt`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    say(`written to ${file}`);
  } finally {
    await graph.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`[bench:graph] failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
