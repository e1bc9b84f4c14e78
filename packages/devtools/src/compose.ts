import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@flowledger/shared';
import { composeSupergraph } from './compose-supergraph.ts';

const target = join(repoRoot, 'schema/supergraph.graphql');
writeFileSync(target, await composeSupergraph());
process.stdout.write(`wrote ${target}\n`);
