import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from '@flowledger/shared';

/** `biome check` with the project's own configuration over a small tree of the given files. */
function lint(files: Record<string, string>): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'flowledger-lint-'));
  try {
    copyFileSync(join(repoRoot, 'biome.json'), join(dir, 'biome.json'));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, dirname(path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const run = spawnSync(join(repoRoot, 'node_modules/.bin/biome'), ['check', '--vcs-enabled=false', '--config-path', dir, dir], { encoding: 'utf8' });
    return { status: run.status, output: run.stdout + run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const clean = 'export const one = 1;\n';

describe('npm run lint', () => {
  test('passes a tree that follows the rules', () => {
    expect(lint({ 'subgraphs/x/src/domain/rule.ts': clean }).status).toBe(0);
  });

  test('fails on an import cycle', () => {
    const result = lint({
      'subgraphs/x/src/a.ts': "import { b } from './b.ts';\n\nexport const a = () => b;\n",
      'subgraphs/x/src/b.ts': "import { a } from './a.ts';\n\nexport const b = () => a;\n",
    });
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('noImportCycles');
  });

  test('fails when domain/ imports the ORM or an entity', () => {
    for (const source of [
      "import { MikroORM } from '@mikro-orm/core';\n\nexport const orm = MikroORM;\n",
      "import { Client } from '../entities/client.ts';\n\nexport const client = Client;\n",
    ]) {
      const result = lint({ 'subgraphs/x/src/domain/rule.ts': source, 'subgraphs/x/src/entities/client.ts': 'export const Client = 1;\n' });
      expect(result.status).not.toBe(0);
      expect(result.output).toContain('noRestrictedImports');
    }
  });

  test('fails when packages/shared imports a subgraph', () => {
    const result = lint({ 'packages/shared/src/kit.ts': "import { crmSubgraph } from '@flowledger/crm';\n\nexport const kit = crmSubgraph;\n" });
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('noRestrictedImports');
  });

  test('fails on unformatted code', () => {
    const result = lint({ 'gateway/src/messy.ts': 'export const  messy = {a:1,b:"two"}\n' });
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/format/i);
  });
});
