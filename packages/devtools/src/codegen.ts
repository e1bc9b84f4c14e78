import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from '@flowledger/shared';
import { generateResolverTypes } from './generate-types.ts';

for (const [path, text] of Object.entries(await generateResolverTypes())) {
  const target = join(repoRoot, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
  process.stdout.write(`wrote ${path}\n`);
}
