import { describe, expect, test } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { builtinModules } from 'node:module';
import { parse } from 'yaml';
import { repoRoot } from '@flowledger/shared';

// No Docker engine here: the image is checked by doing what its Dockerfile does.
const rootPackage = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { workspaces: string[] };
const workspaces = rootPackage.workspaces
  .flatMap((pattern) =>
    pattern.endsWith('/*') ? readdirSync(join(repoRoot, pattern.slice(0, -2))).map((name) => `${pattern.slice(0, -2)}/${name}`) : [pattern],
  )
  .filter((dir) => statSync(join(repoRoot, dir)).isDirectory());
const dockerfile = readFileSync(join(repoRoot, 'packages/devtools/Dockerfile'), 'utf8');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The packages a workspace's source imports (bare specifiers, by package name). */
function importedPackages(dir: string): Set<string> {
  const found = new Set<string>();
  const builtins = new Set(builtinModules);
  for (const file of sourceFiles(join(repoRoot, dir, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'([^'.][^']*)'|import\('([^'.][^']*)'\)/g)) {
      const specifier = (match[1] ?? match[2])!;
      if (specifier.startsWith('node:') || builtins.has(specifier)) continue;
      const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
      found.add(name);
    }
  }
  return found;
}

describe('every workspace, as the Docker image installs it', () => {
  test.each(workspaces)('%s declares every package its source imports', (dir) => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, dir, 'package.json'), 'utf8')) as { name: string; dependencies?: Record<string, string> };
    const declared = new Set([manifest.name, ...Object.keys(manifest.dependencies ?? {})]);
    expect([...importedPackages(dir)].filter((name) => !declared.has(name))).toEqual([]);
  });

  test('the Dockerfile copies every workspace manifest before it installs', () => {
    const install = dockerfile.indexOf('RUN npm install');
    expect(install).toBeGreaterThan(0);
    for (const dir of workspaces) expect(dockerfile.slice(0, install)).toContain(`COPY ${dir}/package.json ${dir}/`);
  });

  test('.dockerignore keeps the host installs and local state (secrets, the database) out of the image', () => {
    const ignored = readFileSync(join(repoRoot, '.dockerignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim());
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '**/node_modules', '.data', '.git']));
  });

  test('every service of docker-compose.yml has a healthcheck on its own port', () => {
    const compose = parse(readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
      services: Record<string, { command?: string[]; environment?: Record<string, string>; healthcheck?: { test: string[] } }>;
    };
    for (const [name, service] of Object.entries(compose.services)) {
      if (name === 'migrate') continue;
      expect({ name, healthcheck: Boolean(service.healthcheck) }).toEqual({ name, healthcheck: true });
      const portVariable = Object.keys(service.environment ?? {}).find((key) => key.endsWith('_PORT'));
      if (portVariable) expect(service.healthcheck!.test.join(' ')).toContain(`127.0.0.1:${service.environment![portVariable]}/healthz`);
    }
  });

  test('an --omit=dev install of the files the image gets loads every service', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowledger-image-'));
    try {
      // The files a `COPY . .` brings (the working tree git does not ignore, which .dockerignore covers), then the Dockerfile's install.
      const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8' })
        .split('\n')
        .filter((file) => file && existsSync(join(repoRoot, file)));
      for (const file of files) {
        mkdirSync(join(dir, dirname(file)), { recursive: true });
        cpSync(join(repoRoot, file), join(dir, file));
      }
      const install = spawnSync('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 180_000,
      });
      expect({ status: install.status, stderr: install.status ? install.stderr : '' }).toEqual({ status: 0, stderr: '' });
      // What every command of the image loads, short of listening: the definitions and the starters.
      const modules = [
        'gateway/src/index.ts',
        'gateway/src/subgraph-urls.ts',
        'packages/devtools/src/prepare-database.ts',
        ...workspaces.filter((w) => w.startsWith('subgraphs/')).map((w) => `${w}/src/index.ts`),
      ];
      const load = spawnSync(process.execPath, ['--input-type=module', '-e', modules.map((m) => `await import(${JSON.stringify(`./${m}`)});`).join('\n')], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 60_000,
        env: { PATH: process.env.PATH, NODE_ENV: 'production' },
      });
      expect({ status: load.status, stderr: load.stderr.split('\n').filter((line) => /Error|Cannot find/.test(line)) }).toEqual({ status: 0, stderr: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
