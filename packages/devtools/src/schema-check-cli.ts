import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '@flowledger/shared';
import { composeSupergraph } from './compose-supergraph.ts';
import { apiSchemaOf, checkSchemaChange } from './schema-check.ts';
import type { CheckedOperation } from './schema-check.ts';

/**
 * `npm run schema:check [-- --base <git revision>]`: composes the supergraph from the subgraphs' SDLs
 * as they are now and compares its API schema with the one committed at the base revision (default
 * HEAD, so on a clean checkout it checks that the committed manifests still validate). Fails, listing
 * each breaking change with its path and the operations of `schema/operations/**` it breaks, when a
 * change would break a registered operation or removes a field, argument or enum value that was not
 * deprecated first.
 */
const { values } = parseArgs({ options: { base: { type: 'string', default: 'HEAD' } } });

function manifests(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return manifests(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

const operations: CheckedOperation[] = manifests(join(repoRoot, 'schema/operations')).flatMap((file) => {
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { format?: string; operations?: { name: string; body: string }[] };
  if (manifest.format !== 'apollo-persisted-query-manifest') return [];
  const client = relative(join(repoRoot, 'schema/operations'), file).split('/')[0]!;
  return (manifest.operations ?? []).map((o) => ({ client, name: o.name, body: o.body }));
});
const baseSdl = execFileSync('git', ['show', `${values.base}:schema/supergraph.graphql`], { cwd: repoRoot, encoding: 'utf8' });
const found = await checkSchemaChange({ base: apiSchemaOf(baseSdl), next: apiSchemaOf(await composeSupergraph()), operations });
if (found.length === 0) {
  process.stdout.write(`schema:check: no breaking change against ${values.base}; ${operations.length} registered operations validate\n`);
} else {
  process.stderr.write(`schema:check: ${found.length} breaking change(s) against ${values.base}:\n`);
  for (const change of found) {
    const why =
      change.reason === 'BREAKS_OPERATIONS' ? `breaks ${change.operations.join(', ')}` : 'not deprecated first (add @deprecated, release, then remove)';
    process.stderr.write(`  ${change.path}: ${change.message} — ${why}\n`);
  }
  process.exit(1);
}
