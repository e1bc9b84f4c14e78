import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './schema.ts';

/** The repository root, found from this file so it does not depend on the working directory. */
export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');

export function dataDir(config: Pick<Config, 'DATA_DIR'>): string {
  return resolve(repoRoot, config.DATA_DIR ?? '.data');
}
