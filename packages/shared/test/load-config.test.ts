import { describe, expect, test } from '@jest/globals';
import { ConfigError, loadConfig } from '../src/config/load-config.ts';

describe('configuration', () => {
  test('defaults: the gateway on 4000 at /graphql, subgraphs from 4001, 1 MB bodies, pages of 250', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      GATEWAY_PORT: 4000,
      GATEWAY_PATH: '/graphql',
      ACCESS_PORT: 4001,
      CRM_PORT: 4002,
      MAX_BODY_BYTES: 1_048_576,
      MAX_PAGE_SIZE: 250,
    });
  });

  test('lists every bad variable with what was received, not just the first', () => {
    try {
      loadConfig({ GATEWAY_PORT: 'eighty', DATABASE_URL: 'not a url', JWT_SECRET: 'short', LOG_LEVEL: 'loud' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const issues = (error as ConfigError).issues;
      expect(issues).toHaveLength(4);
      expect(issues.join('\n')).toMatch(/GATEWAY_PORT: .*received "eighty"/);
      expect(issues.join('\n')).toMatch(/DATABASE_URL: .*received "not a url"/);
      expect(issues.join('\n')).toMatch(/JWT_SECRET: must be at least 32 characters/);
      expect(issues.join('\n')).toMatch(/LOG_LEVEL: /);
    }
  });

  test('production refuses to run on development secrets or an embedded database', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /JWT_SECRET or JWT_JWKS_URL: required in production[\s\S]*SUBGRAPH_SIGNING_SECRET[\s\S]*DATABASE_URL/,
    );
    const ok = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: 'j'.repeat(32),
      SUBGRAPH_SIGNING_SECRET: 's'.repeat(32),
      DATABASE_URL: 'postgres://u:p@db:5432/flowledger',
    });
    expect(ok.NODE_ENV).toBe('production');
  });
});
