import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { generatePersistedQueryManifest } from '@apollo/generate-persisted-query-manifest';
import { generate } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';
import { gatewayApiSchema, repoRoot } from '@flowledger/shared';

/** Where the partner operations live, and what is generated from them (committed; a test checks they are fresh). */
export const PARTNER_DIR = 'schema/operations/partners';
export const PARTNER_MANIFEST = `${PARTNER_DIR}/manifest.json`;
const GENERATED = `${PARTNER_DIR}/generated/`;

/** How the graph's scalars travel in JSON (see the README's API in brief). */
const SCALARS = { Date: 'string', DateTime: 'string', Decimal: 'string' };

/**
 * The typed partner client: GraphQL Code Generator's client preset turns the partner operations into
 * typed documents against the API schema the gateway serves, and Apollo's manifest generator writes
 * the persisted query manifest a partner publishes (`npm run operations:publish`) — with the
 * `__typename` fields Apollo Client adds, so the registered bodies are exactly what it runs.
 */
export async function generatePartnerClient(): Promise<Record<string, string>> {
  const { documents, files } = await generateTypedDocuments(PARTNER_DIR, {});
  const manifest = await generatePersistedQueryManifest({ documents }, undefined);
  files[PARTNER_MANIFEST] = `${JSON.stringify(manifest, null, 2)}\n`;
  return files;
}

/** The dashboard's operations, typed the same way; as strings, so the page needs no GraphQL parser. */
export const DASHBOARD_DIR = 'gateway/dashboard/operations';

export async function generateDashboardClient(): Promise<Record<string, string>> {
  return (await generateTypedDocuments(DASHBOARD_DIR, { documentMode: 'string' })).files;
}

/** GraphQL Code Generator's client preset over the `.graphql` files of `dir`, into `dir/../generated/`. */
async function generateTypedDocuments(dir: string, extra: Record<string, string>): Promise<{ documents: string[]; files: Record<string, string> }> {
  const documents = readdirSync(join(repoRoot, dir))
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => join(repoRoot, dir, name));
  const target = dir === PARTNER_DIR ? GENERATED : `${dir.replace(/\/operations$/, '')}/generated/`;
  const generated = (await generate(
    {
      schema: printSchema(gatewayApiSchema()),
      documents,
      silent: true,
      generates: {
        [join(repoRoot, target)]: {
          preset: 'client',
          presetConfig: { fragmentMasking: false },
          config: { enumsAsTypes: true, useTypeImports: true, scalars: SCALARS, importExtension: '.ts', ...extra },
        },
      },
    },
    false,
  )) as { filename: string; content: string }[];
  const files: Record<string, string> = {};
  for (const file of generated) files[relative(repoRoot, file.filename)] = file.content;
  return { documents, files };
}
