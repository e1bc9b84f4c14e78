import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '@flowledger/shared';
import { waitFor as waitUntil } from '@flowledger/shared/testkit';
import { startBenchGraph, stopAll } from './bench-graph.ts';
import type { BenchGraph } from './bench-graph.ts';

const waitFor = (check: () => Promise<boolean>, timeoutMs = 60_000) => waitUntil(check, { timeoutMs, intervalMs: 200 });

/**
 * `npm run bench:subscriptions`: organisations × subscribers graphql-ws sockets on one gateway
 * process, a few distinct selections, events made by real transitionPursuit mutations at a steady
 * rate. Prints latency from each mutation's response to each delivery, events lost, the gateway's CPU
 * and memory, and downstream requests per event. Options: --orgs --subscribers --selections --rate
 * --seconds --workers.
 */
const { values: args } = parseArgs({
  options: {
    orgs: { type: 'string', default: '100' },
    subscribers: { type: 'string', default: '100' },
    selections: { type: 'string', default: '5' },
    rate: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '20' },
    workers: { type: 'string', default: '4' },
  },
});
const ORGS = Number(args.orgs);
const PER_ORG = Number(args.subscribers);
const SELECTIONS = Math.min(5, Number(args.selections));
const RATE = Number(args.rate);
const SECONDS = Number(args.seconds);
const WORKERS = Number(args.workers);
const say = (line: string) => process.stdout.write(`[bench] ${line}\n`);

const SELECTION_SET = [
  '{ id to pursuit { id } }',
  '{ id to from pursuit { id name } }',
  '{ id to at pursuit { id name stage } }',
  '{ id to pursuit { id name client { name } } }',
  '{ id to by { id } pursuit { id probability version } }',
];

const dataDir = mkdtempSync(join(tmpdir(), 'flowledger-bench-'));
const workersStarted: ChildProcess[] = [];
let graph: BenchGraph | null = null;

async function main(): Promise<void> {
  const started = Date.now();
  const eventsNeeded = RATE * SECONDS;
  const pursuitsPerOrg = Math.ceil(eventsNeeded / ORGS / 2);
  graph = await startBenchGraph({ dataDir, orgs: ORGS, pursuitsPerOrg, say });
  const { orgs, tokens, ports, base } = graph;
  const named = graph.processes;
  const gateway = named.find((p) => p.name === 'gateway')!.child;
  say(`fixture: ${ORGS} organisations, ${ORGS * pursuitsPerOrg} pursuits (${((Date.now() - started) / 1000).toFixed(1)} s)`);

  // Subscribers, spread over load-generator processes of their own.
  const total = ORGS * PER_ORG;
  const plan = orgs.flatMap((_, o) =>
    Array.from({ length: PER_ORG }, (__, s) => ({
      token: tokens[o]!,
      query: `subscription ${`Sel${s % SELECTIONS}`} { pursuitStageChanged ${SELECTION_SET[s % SELECTIONS]} }`,
    })),
  );
  const workers = Array.from({ length: WORKERS }, () =>
    fork(join(repoRoot, 'packages/devtools/src/bench/subscriber-worker.ts'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
  );
  workersStarted.push(...workers);
  workers.forEach((worker, i) => named.push({ name: `load-generator-${i + 1}`, child: worker }));
  const opened = workers.map((worker, w) => {
    const share = plan.filter((_, i) => i % WORKERS === w);
    worker.send({ type: 'start', url: `ws://127.0.0.1:${ports.GATEWAY_PORT}/graphql`, subscribers: share });
    return new Promise<void>((resolve) => worker.once('message', () => resolve()));
  });
  await Promise.all(opened);
  // Wait until every subscription is registered, or until the count has not moved for 20 s.
  let lastReport = 0;
  let last = -1;
  let stableSince = Date.now();
  await waitFor(async () => {
    const now = await metric(base, 'flowledger_subscriptions');
    if (now !== last) [last, stableSince] = [now, Date.now()];
    if (Date.now() - lastReport > 5000) {
      lastReport = Date.now();
      say(`${now} of ${total} subscriptions registered, ${await metric(base, 'flowledger_sockets')} sockets`);
    }
    return now >= total || Date.now() - stableSince > 20_000;
  }, 300_000);
  const connected = await metric(base, 'flowledger_subscriptions');
  say(`${connected} of ${total} subscribers connected (${SELECTIONS} distinct selections) on one gateway process, pid ${gateway.pid}`);

  // The stream: real transitions through the gateway at a steady rate.
  const cpuBefore = named.map(({ child }) => cpuTicks(child.pid!));
  const postgresBefore = postgresTicks();
  const driverBefore = process.cpuUsage();
  const lagBefore = {
    arrival: await metric(base, 'flowledger_event_arrival_lag_ms_total'),
    fanout: await metric(base, 'flowledger_event_fanout_ms_total'),
    execution: await metric(base, 'flowledger_event_execution_ms_total'),
  };
  const before = {
    cpu: cpuTicks(gateway.pid!),
    resolutions: await metric(base, 'flowledger_event_resolutions_total'),
    executions: await metric(base, 'flowledger_event_executions_total'),
    fetches: await metric(base, 'flowledger_subgraph_fetch_duration_seconds_count', 'purpose="subscription"'),
    events: await metric(base, 'flowledger_events_total'),
  };
  const responded = new Map<string, number>();
  const expectedPerKey = new Map<string, number>();
  let failures = 0;
  const failureReasons = new Map<string, number>();
  const fail = (reason: string) => {
    failures++;
    failureReasons.set(reason, (failureReasons.get(reason) ?? 0) + 1);
  };
  const moves = orgs.flatMap((org, o) => org.pursuitIds.map((id) => ({ id, token: tokens[o]! })));
  const schedule = Array.from({ length: eventsNeeded }, (_, i) => {
    const move = moves[i % moves.length]!;
    const round = Math.floor(i / moves.length);
    return { ...move, to: round === 0 ? 'PINK' : 'RED', expectedVersion: round + 1 };
  });
  const driveStart = Date.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < schedule.length; i++) {
    const wait = driveStart + (i * 1000) / RATE - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const step = schedule[i]!;
    inFlight.push(
      fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${step.token}` },
        body: JSON.stringify({
          query: 'mutation($i: TransitionPursuitInput!) { transitionPursuit(input: $i) { userErrors { code } } }',
          variables: { i: { id: step.id, to: step.to, expectedVersion: step.expectedVersion } },
        }),
      }).then(
        async (r) => {
          const body = (await r.json()) as { data?: { transitionPursuit: { userErrors: { code: string }[] } }; errors?: { extensions?: { code?: string } }[] };
          if (!body.data) return fail(`HTTP ${r.status} ${body.errors?.[0]?.extensions?.code ?? ''}`);
          if (body.data.transitionPursuit.userErrors.length) return fail(body.data.transitionPursuit.userErrors[0]!.code);
          const key = `${step.id}:${step.to}`;
          responded.set(key, Date.now());
          expectedPerKey.set(key, PER_ORG);
        },
        (error: unknown) => fail(error instanceof Error ? error.message : 'fetch failed'),
      ),
    );
  }
  await Promise.all(inFlight);
  const driveSeconds = (Date.now() - driveStart) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const after = {
    cpu: cpuTicks(gateway.pid!),
    resolutions: await metric(base, 'flowledger_event_resolutions_total'),
    executions: await metric(base, 'flowledger_event_executions_total'),
    fetches: await metric(base, 'flowledger_subgraph_fetch_duration_seconds_count', 'purpose="subscription"'),
    events: await metric(base, 'flowledger_events_total'),
  };
  const lag = {
    arrival: (await metric(base, 'flowledger_event_arrival_lag_ms_total')) - lagBefore.arrival,
    fanout: (await metric(base, 'flowledger_event_fanout_ms_total')) - lagBefore.fanout,
    execution: (await metric(base, 'flowledger_event_execution_ms_total')) - lagBefore.execution,
  };
  const memory = readFileSync(`/proc/${gateway.pid}/status`, 'utf8');
  const postgresShare = (((postgresTicks() - postgresBefore) / 100 / (driveSeconds + 3)) * 100).toFixed(0);
  const driverUsage = process.cpuUsage(driverBefore);
  const driverShare = (((driverUsage.user + driverUsage.system) / 1e6 / (driveSeconds + 3)) * 100).toFixed(0);
  const cpuShare = named
    .map(({ name, child }, i) => `${name} ${(((cpuTicks(child.pid!) - cpuBefore[i]!) / 100 / (driveSeconds + 3)) * 100).toFixed(0)}%`)
    .join(', ');

  const reports = await Promise.all(
    workers.map(
      (worker) =>
        new Promise<{ arrivals: [string, number[]][]; errors: number; closes: [number, number][] }>((resolve) => {
          worker.on('message', (m: { type: string }) => m.type === 'report' && resolve(m as never));
          worker.send({ type: 'report' });
        }),
    ),
  );
  const latencies: number[] = [];
  const delivered = new Map<string, number>();
  for (const report of reports) {
    for (const [key, times] of report.arrivals) {
      delivered.set(key, (delivered.get(key) ?? 0) + times.length);
      const sent = responded.get(key);
      if (sent) for (const t of times) latencies.push(t - sent);
    }
  }
  latencies.sort((a, b) => a - b);
  const expected = [...expectedPerKey.values()].reduce((a, b) => a + b, 0);
  const received = [...expectedPerKey.keys()].reduce((n, key) => n + Math.min(delivered.get(key) ?? 0, PER_ORG), 0);
  const unconnected = total - connected;
  const duplicates = [...delivered.values()].reduce((n, count) => n + Math.max(0, count - PER_ORG), 0);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  const events = after.events - before.events;
  const kb = (field: string) => Number(/^\s*(\d+)/.exec(memory.split(`${field}:`)[1] ?? '')?.[1] ?? 0);

  process.stdout.write(`
Subscription benchmark — ${ORGS} orgs × ${PER_ORG} subscribers = ${total} sockets, ${SELECTIONS} selections, ${RATE} events/s for ${SECONDS} s
  mutations answered      ${responded.size} of ${schedule.length} (${failures} failed${failures ? `: ${JSON.stringify([...failureReasons])}` : ''}), over ${driveSeconds.toFixed(1)} s
  events at the gateway   ${events}
  deliveries              ${received} of ${expected} expected; lost ${expected - received}${unconnected ? ` (${unconnected} subscribers never connected)` : ''}; duplicates ${duplicates}
  latency (mutation response -> delivery)   p50 ${pct(50)} ms   p90 ${pct(90)} ms   p99 ${pct(99)} ms   max ${latencies.at(-1)} ms
  where the time goes      ${(lag.arrival / Math.max(events, 1)).toFixed(0)} ms mean from the event's occurrence to its arrival at the gateway (commit, relay, bus); ${(lag.fanout / Math.max(events, 1)).toFixed(0)} ms mean from arrival to sent, of which ${(lag.execution / Math.max(events, 1)).toFixed(0)} ms executing its lookup
  gateway CPU             ${(((after.cpu - before.cpu) / 100 / (driveSeconds + 3)) * 100).toFixed(0)}% of one core (drive + 3 s drain)
  gateway memory          RSS ${(kb('VmRSS') / 1024).toFixed(0)} MiB, peak ${(kb('VmHWM') / 1024).toFixed(0)} MiB
  CPU by process          ${cpuShare}, postgres (all processes) ${postgresShare}%, this driver ${driverShare}% (of one core each; the machine has ${(await import('node:os')).availableParallelism()})
  downstream per event    ${((after.resolutions - before.resolutions) / Math.max(events, 1)).toFixed(2)} selections resolved in ${((after.executions - before.executions) / Math.max(events, 1)).toFixed(2)} executions, ${((after.fetches - before.fetches) / Math.max(events, 1)).toFixed(2)} subgraph requests
  socket errors           ${reports.reduce((n, r) => n + r.errors, 0)}; closes ${JSON.stringify(reports.flatMap((r) => r.closes))}
`);
  for (const worker of workers) worker.send({ type: 'stop' });
}

/** The sum of a metric's samples, over every label set that includes `labels` (e.g. `purpose="subscription"`). */
async function metric(base: string, name: string, labels = ''): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name} `) && !line.startsWith(`${name}{`)) continue;
    const labelText = line.startsWith(`${name}{`) ? line.slice(name.length, line.indexOf('}') + 1) : '';
    if (labels && !labelText.includes(labels)) continue;
    total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

/** utime + stime of every PostgreSQL server process on the machine, in clock ticks. */
function postgresTicks(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.includes('(postgres)')) total += cpuTicks(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** utime + stime of a process, in clock ticks (1/100 s). */
function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

async function cleanUp(): Promise<void> {
  // Load generators first, then the graph: nobody calls a stopped service.
  await stopAll(workersStarted);
  await graph?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

main().then(
  async () => {
    await cleanUp();
    process.exit(0);
  },
  async (error: unknown) => {
    process.stderr.write(`[bench] failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    await cleanUp();
    process.exit(1);
  },
);
