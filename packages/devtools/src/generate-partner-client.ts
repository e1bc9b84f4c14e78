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
  const documents = readdirSync(join(repoRoot, PARTNER_DIR))
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => join(repoRoot, PARTNER_DIR, name));
  const files = (await generate(
    {
      schema: printSchema(gatewayApiSchema()),
      documents,
      silent: true,
      generates: {
        [join(repoRoot, GENERATED)]: {
          preset: 'client',
          presetConfig: { fragmentMasking: false },
          config: { enumsAsTypes: true, useTypeImports: true, scalars: SCALARS, importExtension: '.ts' },
        },
      },
    },
    false,
  )) as { filename: string; content: string }[];
  const out: Record<string, string> = {};
  for (const file of files) out[relative(repoRoot, file.filename)] = file.content;
  const manifest = await generatePersistedQueryManifest({ documents }, undefined);
  out[PARTNER_MANIFEST] = `${JSON.stringify(manifest, null, 2)}\n`;
  return out;
}
