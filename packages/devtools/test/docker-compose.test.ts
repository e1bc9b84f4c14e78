import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { configSchema, loadConfig, repoRoot } from '@flowledger/shared';
import { loadSubgraphs } from '../src/subgraphs.ts';
const SUBGRAPHS = await loadSubgraphs();

// There is no Docker engine here: the file is checked by reading it.
const compose = parse(readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<
    string,
    { command?: string[]; environment?: Record<string, string>; depends_on?: unknown; ports?: string[]; build?: { dockerfile: string } }
  >;
};
const known = new Set(Object.keys(configSchema.shape));
const graphServices = Object.entries(compose.services).filter(([, s]) => s.command?.[0] === 'node');

describe('docker-compose.yml', () => {
  test('has PostgreSQL, Redis, the migration job, every subgraph and two gateway replicas', () => {
    const names = Object.keys(compose.services);
    expect(names).toEqual(expect.arrayContaining(['postgres', 'redis', 'migrate', ...SUBGRAPHS.map((s) => s.definition.name), 'gateway-1', 'gateway-2']));
  });

  test('every service of the graph sets only variables of the config schema, and a valid production config', () => {
    expect(graphServices.length).toBeGreaterThanOrEqual(SUBGRAPHS.length + 3);
    for (const [name, service] of graphServices) {
      const env = service.environment ?? {};
      const unknown = Object.keys(env).filter((key) => !known.has(key));
      expect({ service: name, unknown }).toEqual({ service: name, unknown: [] });
      expect(() => loadConfig(env)).not.toThrow();
      expect(loadConfig(env).NODE_ENV).toBe('production');
    }
  });

  test('each service runs an entry point that exists, from the Dockerfile that exists', () => {
    for (const [, service] of graphServices) {
      expect(() => readFileSync(join(repoRoot, service.command![1]!))).not.toThrow();
      expect(() => readFileSync(join(repoRoot, service.build!.dockerfile))).not.toThrow();
    }
  });

  test('each subgraph listens where the gateways look for it', () => {
    for (const gateway of ['gateway-1', 'gateway-2']) {
      const env = compose.services[gateway]!.environment!;
      for (const { definition } of SUBGRAPHS) {
        const key = definition.name.toUpperCase();
        const port = compose.services[definition.name]!.environment![`${key}_PORT`];
        expect(env[`${key}_URL`]).toBe(`http://${definition.name}:${port}/graphql`);
      }
    }
  });
});
