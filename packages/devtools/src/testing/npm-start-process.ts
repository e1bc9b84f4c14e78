import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { findFreePorts, repoRoot } from '@flowledger/shared';
import { loadSubgraphs } from '../subgraphs.ts';

/** An environment for `npm start` with every port free (no fixed port: a user's own graph holds 4000…). */
export async function npmStartEnv(overrides: Record<string, string>): Promise<NodeJS.ProcessEnv> {
  const subgraphs = await loadSubgraphs();
  // Distinct ports, all at once: two services given the same port stop the graph.
  const [gatewayPort, ...ports] = await findFreePorts(subgraphs.length + 1);
  const env: NodeJS.ProcessEnv = { ...process.env, GATEWAY_PORT: String(gatewayPort), ...overrides };
  subgraphs.forEach(({ definition }, i) => (env[`${definition.name.toUpperCase()}_PORT`] = String(ports[i])));
  delete env.DATABASE_URL;
  delete env.APP_DATABASE_URL;
  delete env.SYSTEM_DATABASE_URL;
  return env;
}

export interface NpmStartProcess {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  readonly output: string;
  /** Resolves with the first match of `pattern` in the output; rejects with the output after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  /** The pid of every service, from the supervisor's lines (the last start of each). */
  pids(): Record<string, number>;
}

/**
 * `npm start` as a user runs it, in a process group of its own (detached, as a terminal gives it,
 * so Ctrl-C can be sent to the whole group).
 */
export function spawnNpmStart(env: NodeJS.ProcessEnv): NpmStartProcess {
  const child = spawn(process.execPath, [join(repoRoot, 'packages/devtools/src/start.ts')], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return {
    child,
    get output() {
      return output;
    },
    waitFor(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; output so far:\n${output}`)), timeoutMs);
        const check = () => {
          const match = output.match(pattern);
          if (!match) return;
          clearTimeout(timer);
          child.stdout!.off('data', check);
          child.stderr!.off('data', check);
          resolve(match);
        };
        child.stdout!.on('data', check);
        child.stderr!.on('data', check);
        check();
      });
    },
    pids() {
      const found: Record<string, number> = {};
      for (const match of output.matchAll(/\[start\] (\w+) started \(pid (\d+)\)/g)) found[match[1]!] = Number(match[2]);
      return found;
    },
  };
}
