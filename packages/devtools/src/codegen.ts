import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from '@flowledger/shared';
import { generateDashboardClient, generatePartnerClient } from './generate-partner-client.ts';
import { generateResolverTypes } from './generate-types.ts';

// The partner client reads the composed supergraph: run `npm run compose` first after SDL changes.
for (const [path, text] of Object.entries({ ...(await generateResolverTypes()), ...(await generatePartnerClient()), ...(await generateDashboardClient()) })) {
  const target = join(repoRoot, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
  process.stdout.write(`wrote ${path}\n`);
}
