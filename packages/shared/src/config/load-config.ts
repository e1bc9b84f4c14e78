import { configSchema } from './schema.ts';
import type { Config } from './schema.ts';

export class ConfigError extends Error {
  readonly issues: string[];
  constructor(issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

/**
 * Parses the environment once. Every bad variable is listed (name, problem, what was received)
 * rather than failing on the first, so one restart fixes them all.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = issue.path.join('.');
        const received = env[name];
        return `${name}: ${issue.message} (received ${received === undefined ? 'nothing' : JSON.stringify(received)})`;
      }),
    );
  }
  const config = result.data;
  if (config.NODE_ENV === 'production') {
    const missing: string[] = [];
    if (!config.JWT_SECRET && !config.JWT_JWKS_URL) missing.push('JWT_SECRET or JWT_JWKS_URL: required in production (the development secret is refused)');
    if (!config.SUBGRAPH_SIGNING_SECRET) missing.push('SUBGRAPH_SIGNING_SECRET: required in production (the development secret is refused)');
    if (!config.DATABASE_URL && !config.APP_DATABASE_URL) missing.push('DATABASE_URL: required in production (no embedded PostgreSQL)');
    if (missing.length) throw new ConfigError(missing);
  }
  return config;
}

/** For entry points: print the list and exit non-zero instead of a stack trace. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}
