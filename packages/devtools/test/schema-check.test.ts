import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from '@jest/globals';
import { buildSchema, printSchema } from 'graphql';
import { gatewayApiSchema, repoRoot } from '@flowledger/shared';
import { checkSchemaChange } from '../src/schema-check.ts';

// The committed partner manifest against the API schema the gateway serves, and fixture changes of it.
const manifest = JSON.parse(readFileSync(join(repoRoot, 'schema/operations/partners/manifest.json'), 'utf8')) as {
  operations: { name: string; body: string }[];
};
const operations = manifest.operations.map((o) => ({ client: 'partners', name: o.name, body: o.body }));
const base = printSchema(gatewayApiSchema());
const changed = (edit: (sdl: string) => string) => buildSchema(edit(base));

describe('schema:check', () => {
  test('fails on a change that removes a field a registered operation uses, naming the field and the operation', async () => {
    const next = changed((sdl) => sdl.replace(/\n  domain: String\n/, '\n'));
    const found = await checkSchemaChange({ base: buildSchema(base), next, operations });
    expect(found).toContainEqual(expect.objectContaining({ path: 'Client.domain', reason: 'BREAKS_OPERATIONS', operations: ['partners/ListClients'] }));
  });

  test('fails on removing a field no operation uses when it was not deprecated first', async () => {
    expect(base).toMatch(/\n  industry: String\n/);
    const next = changed((sdl) => sdl.replace(/\n  industry: String\n/, '\n'));
    const found = await checkSchemaChange({ base: buildSchema(base), next, operations });
    expect(found).toEqual([expect.objectContaining({ path: 'Client.industry', reason: 'NOT_DEPRECATED_FIRST', operations: [] })]);
  });

  test('passes on removing a field that was deprecated first and is used by no operation', async () => {
    const deprecated = base.replace(/\n  industry: String\n/, '\n  industry: String @deprecated(reason: "use tags")\n');
    const next = buildSchema(deprecated.replace(/\n  industry: String @deprecated\(reason: "use tags"\)\n/, '\n'));
    expect(await checkSchemaChange({ base: buildSchema(deprecated), next, operations })).toEqual([]);
  });

  test('fails on removing an enum value, and passes on an additive change', async () => {
    const removed = changed((sdl) => sdl.replace(/\n  ARCHIVED\n/, '\n'));
    expect((await checkSchemaChange({ base: buildSchema(base), next: removed, operations })).map((f) => f.path)).toContain('ClientStatus.ARCHIVED');
    const additive = changed((sdl) => sdl.replace('type Query {', 'type Query {\n  "A new field."\n  version: String'));
    expect(await checkSchemaChange({ base: buildSchema(base), next: additive, operations })).toEqual([]);
  });

  test('passes on this checkout (what .ci/run runs)', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(repoRoot, 'packages/devtools/src/schema-check-cli.ts')], { cwd: repoRoot });
    expect(stdout).toMatch(/no breaking change against HEAD; \d+ registered operations validate/);
  });
});
