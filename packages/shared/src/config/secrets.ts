import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './schema.ts';
import { dataDir } from './paths.ts';

export interface Secrets {
  jwtSecret: string;
  signingSecret: string;
}

/**
 * The secrets in force: the configured ones, otherwise (outside production only) a pair generated
 * once into the data folder, so every process of a local graph and `npm run token` agree.
 */
export class MissingDevSecretsError extends Error {}

export function resolveSecrets(config: Config, options: { create?: boolean } = {}): Secrets {
  if (config.JWT_SECRET && config.SUBGRAPH_SIGNING_SECRET) {
    return { jwtSecret: config.JWT_SECRET, signingSecret: config.SUBGRAPH_SIGNING_SECRET };
  }
  if (config.NODE_ENV === 'production') {
    throw new Error('JWT_SECRET and SUBGRAPH_SIGNING_SECRET are required in production');
  }
  const dir = dataDir(config);
  if (options.create === false && !existsSync(join(dir, 'dev-secrets.json'))) {
    throw new MissingDevSecretsError(
      `no development secrets in ${dir}: start the graph there first (npm start), or set DATA_DIR to the running graph's data folder`,
    );
  }
  const dev = readOrCreateDevSecrets(dir);
  return {
    jwtSecret: config.JWT_SECRET ?? dev.jwtSecret,
    signingSecret: config.SUBGRAPH_SIGNING_SECRET ?? dev.signingSecret,
  };
}

function readOrCreateDevSecrets(dir: string): Secrets {
  const file = join(dir, 'dev-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Secrets;
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const secrets: Secrets = {
    jwtSecret: randomBytes(32).toString('base64url'),
    signingSecret: randomBytes(32).toString('base64url'),
  };
  // 'wx' fails if another process won the race; then read what it wrote.
  try {
    writeFileSync(file, JSON.stringify(secrets, null, 2), { flag: 'wx', mode: 0o600 });
    return secrets;
  } catch {
    return JSON.parse(readFileSync(file, 'utf8')) as Secrets;
  }
}
