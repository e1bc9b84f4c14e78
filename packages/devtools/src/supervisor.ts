import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { EXIT_CONFIG, repoRoot } from '@flowledger/shared';

export interface SupervisorOptions {
  env: NodeJS.ProcessEnv;
  say(line: string): void;
  /** A service that cannot run as configured (exit 78: a port taken, a bad variable): stop everything. */
  onFatal(name: string): void;
  /** First restart delay; it doubles up to `maxDelayMs`. Default 1 s. */
  initialDelayMs?: number;
  /** Default 30 s. */
  maxDelayMs?: number;
  /** A service that stayed up this long starts again from the first delay. Default 60 s. */
  stableAfterMs?: number;
}

interface Service {
  name: string;
  entry: string;
  child: ChildProcess | null;
  restarts: number;
  startedAt: number;
  timer: NodeJS.Timeout | null;
}

/**
 * Runs the services of `npm start` as child processes with prefixed logs, and restarts one that
 * crashes, with backoff, saying so — the others keep serving meanwhile (the gateway answers partial
 * data while a subgraph is away). Children are detached (a group of their own): a terminal's Ctrl-C
 * reaches only `npm start`, which drains them in order.
 */
export function createSupervisor(options: SupervisorOptions) {
  const initialDelay = options.initialDelayMs ?? 1000;
  const maxDelay = options.maxDelayMs ?? 30_000;
  const stableAfter = options.stableAfterMs ?? 60_000;
  const services = new Map<string, Service>();
  let stopping = false;

  function run(service: Service): void {
    service.timer = null;
    const child = spawn(process.execPath, [service.entry], { cwd: repoRoot, env: options.env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], detached: true });
    service.child = child;
    service.startedAt = Date.now();
    options.say(`${service.name} started (pid ${child.pid})`);
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => process.stdout.write(`[${service.name}] ${line}\n`));
    }
    child.on('error', (error) => options.say(`${service.name} could not be started: ${error.message}`));
    child.on('exit', (code, signal) => {
      service.child = null;
      if (stopping) return;
      if (code === EXIT_CONFIG) {
        options.say(`${service.name} cannot run as configured (see its last line above); stopping the graph`);
        return options.onFatal(service.name);
      }
      if (Date.now() - service.startedAt >= stableAfter) service.restarts = 0;
      const delay = Math.min(maxDelay, initialDelay * 2 ** service.restarts);
      service.restarts++;
      options.say(`${service.name} exited (${signal ?? `code ${code}`}); restarting it in ${(delay / 1000).toFixed(1)} s (restart ${service.restarts})`);
      service.timer = setTimeout(() => run(service), delay);
    });
  }

  return {
    start(name: string, entry: string): void {
      const service: Service = { name, entry, child: null, restarts: 0, startedAt: 0, timer: null };
      services.set(name, service);
      run(service);
    },
    pids(): Record<string, number | undefined> {
      return Object.fromEntries([...services.values()].map((s) => [s.name, s.child?.pid]));
    },
    /** SIGTERM to every service (they drain), SIGKILL to any still running after `graceMs`. */
    async stop(graceMs: number): Promise<void> {
      stopping = true;
      const running = [...services.values()].filter((s) => {
        if (s.timer) clearTimeout(s.timer);
        return s.child && s.child.exitCode === null && s.child.signalCode === null;
      });
      const exits = running.map((s) => new Promise((resolve) => s.child!.once('exit', resolve)));
      for (const s of running) s.child!.kill('SIGTERM');
      const force = setTimeout(() => running.forEach((s) => s.child?.kill('SIGKILL')), graceMs);
      await Promise.all(exits);
      clearTimeout(force);
    },
  };
}
