import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SUBGRAPH_REGISTRY, configSchema, repoRoot } from '@flowledger/shared';
import { loadSubgraphs } from '../src/subgraphs.ts';
const SUBGRAPHS = await loadSubgraphs();

// The one list of subgraphs, and everything that must agree with it.
const compose = parse(readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, { environment?: Record<string, string> }>;
};
const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const dockerfile = readFileSync(join(repoRoot, 'packages/devtools/Dockerfile'), 'utf8');

describe('the subgraph registry', () => {
  test('names every folder under subgraphs/, each with its own package', () => {
    expect(readdirSync(join(repoRoot, 'subgraphs')).sort()).toEqual(SUBGRAPH_REGISTRY.map((s) => s.dir.replace('subgraphs/', '')).sort());
    for (const entry of SUBGRAPH_REGISTRY) expect(JSON.parse(readFileSync(join(repoRoot, entry.dir, 'package.json'), 'utf8')).name).toBe(entry.package);
  });

  test('every subgraph folder has the same shape', () => {
    const entries = (dir: string) => readdirSync(join(repoRoot, dir, 'src')).sort();
    const [first, ...rest] = SUBGRAPH_REGISTRY;
    for (const entry of rest) expect({ subgraph: entry.name, entries: entries(entry.dir) }).toEqual({ subgraph: entry.name, entries: entries(first.dir) });
    expect(entries(first.dir)).toEqual(
      [
        'context.ts',
        'domain',
        'entities',
        'errors.ts',
        'generated',
        'index.ts',
        'loaders.ts',
        'main.ts',
        'migrations',
        'resolvers',
        'schema.graphql',
        'seed',
        'use-cases',
        'workers',
      ].sort(),
    );
    // Each lists its background work in workers/index.ts, none (undefined) included.
    for (const { dir } of SUBGRAPHS) expect(readdirSync(join(repoRoot, dir, 'src/workers'))).toContain('index.ts');
  });

  test("every subgraph's user error codes are the README's row for it", () => {
    for (const { definition } of SUBGRAPHS) {
      const row = readme.match(new RegExp(`^  \\| ${definition.name} \\| (.*) \\|$`, 'm'))?.[1] ?? '';
      expect({ subgraph: definition.name, codes: [...row.matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]) }).toEqual({
        subgraph: definition.name,
        codes: [...definition.userErrorCodes],
      });
      expect(definition.userErrorCodes).not.toContain('FORBIDDEN');
    }
  });

  test("a subgraph's own tests start that subgraph alone (tests across subgraphs live in e2e/)", () => {
    for (const entry of SUBGRAPH_REGISTRY) {
      const dir = join(repoRoot, entry.dir, 'test');
      for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
        const source = readFileSync(join(dir, file), 'utf8');
        const imported = [...source.matchAll(/from '(@flowledger\/[\w-]+)/g)].map((m) => m[1]!);
        const others = SUBGRAPH_REGISTRY.filter((s) => s.name !== entry.name).map((s) => s.package as string);
        expect({
          file: `${entry.dir}/test/${file}`,
          foreign: imported.filter((name) => [...others, '@flowledger/gateway', '@flowledger/devtools'].includes(name)),
        }).toEqual({
          file: `${entry.dir}/test/${file}`,
          foreign: [],
        });
        expect({ file, startsAGraph: /startTestGraph|startFullGraph|loadSubgraphs/.test(source) }).toEqual({ file, startsAGraph: false });
      }
    }
  });

  test('loads every definition under its registered name, in registry order', () => {
    expect(SUBGRAPHS.map((s) => s.definition.name)).toEqual(SUBGRAPH_REGISTRY.map((s) => s.name));
  });

  test.each(SUBGRAPH_REGISTRY.map((s) => [s.name, s] as const))(
    '%s: its settings, its compose service, the gateways, the Dockerfile and the README agree',
    (name, entry) => {
      const prefix = name.toUpperCase();
      expect(configSchema.shape).toHaveProperty(`${prefix}_PORT`);
      expect(configSchema.shape).toHaveProperty(`${prefix}_URL`);
      expect(configSchema.parse({})[`${prefix}_PORT` as keyof ReturnType<typeof configSchema.parse>]).toBe(entry.port);
      expect(compose.services[name]?.environment?.[`${prefix}_PORT`]).toBe(String(entry.port));
      for (const gateway of ['gateway-1', 'gateway-2'])
        expect(compose.services[gateway]!.environment![`${prefix}_URL`]).toBe(`http://${name}:${entry.port}/graphql`);
      expect(dockerfile).toContain(`COPY ${entry.dir}/package.json ${entry.dir}/`);
      expect(readme).toMatch(new RegExp(`^\\| ${name} \\| ${entry.port} \\| \`${prefix}_PORT\`, \`${prefix}_URL\` \\|`, 'm'));
    },
  );
});
