import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@flowledger/shared';
import { SUBGRAPH_NAMES } from '@flowledger/gateway';
import { composeSupergraph } from '../src/compose-supergraph.ts';
import { generateDashboardClient, generatePartnerClient } from '../src/generate-partner-client.ts';
import { generateResolverTypes } from '../src/generate-types.ts';
import { loadSubgraphs } from '../src/subgraphs.ts';
const SUBGRAPHS = await loadSubgraphs();

describe('committed artifacts are fresh', () => {
  test('schema/supergraph.graphql is what the subgraph SDLs compose to (run `npm run compose`)', async () => {
    const committed = readFileSync(join(repoRoot, 'schema/supergraph.graphql'), 'utf8');
    expect(committed).toBe(await composeSupergraph());
  });

  test('the generated resolver types match the SDLs (run `npm run codegen`)', async () => {
    for (const [path, text] of Object.entries(await generateResolverTypes())) {
      expect(readFileSync(join(repoRoot, path), 'utf8')).toBe(text);
    }
  });

  test('the typed partner client and its persisted query manifest match the partner operations (run `npm run codegen`)', async () => {
    const generated = await generatePartnerClient();
    expect(Object.keys(generated)).toContain('schema/operations/partners/manifest.json');
    for (const [path, text] of Object.entries(generated)) expect(readFileSync(join(repoRoot, path), 'utf8')).toBe(text);
  });

  test("the dashboard's typed operations match its .graphql files and the schema (run `npm run codegen`)", async () => {
    const generated = await generateDashboardClient();
    expect(Object.keys(generated)).toContain('gateway/dashboard/generated/graphql.ts');
    for (const [path, text] of Object.entries(generated)) expect(readFileSync(join(repoRoot, path), 'utf8')).toBe(text);
  });

  test('the gateway knows every subgraph of the supergraph, and only those', () => {
    expect([...SUBGRAPH_NAMES].sort()).toEqual(SUBGRAPHS.map((s) => s.definition.name).sort());
  });

  test('the supergraph carries placeholder URLs only', () => {
    const committed = readFileSync(join(repoRoot, 'schema/supergraph.graphql'), 'utf8');
    const urls = [...committed.matchAll(/@join__graph\(name: "(\w+)", url: "([^"]+)"\)/g)].map((m) => m[2]);
    expect(urls).toHaveLength(SUBGRAPHS.length);
    for (const url of urls) expect(url).toMatch(/\.subgraph\.invalid\/graphql$/);
  });
});
