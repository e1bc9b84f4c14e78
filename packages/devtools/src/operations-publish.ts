import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';

/**
 * `npm run operations:publish -- --client <name> <manifest.json> [--url <gateway>] [--token <ADMIN token>]`
 * registers a partner app's persisted query manifest through the gateway, as an ADMIN of the
 * organisation (the token: --token or FLOWLEDGER_TOKEN; `npm run token` mints a demo one). All or
 * nothing: it prints what was added, or every reason an operation was refused, and exits 1.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    client: { type: 'string' },
    url: { type: 'string', default: process.env.FLOWLEDGER_URL ?? 'http://localhost:4000/graphql' },
    token: { type: 'string', default: process.env.FLOWLEDGER_TOKEN },
  },
});
const fail = (message: string, code = 2): never => {
  process.stderr.write(`operations:publish: ${message}\n`);
  process.exit(code);
};
const MAX_BYTES = 900_000;
const file = positionals[0] ?? fail('name the manifest file: npm run operations:publish -- --client <name> <manifest.json>');
if (!values.client) fail('--client <name> is required: the partner app the operations are for (its API keys’ client name)');
if (!values.token) fail('an ADMIN token is required: --token <token> or FLOWLEDGER_TOKEN (npm run token -- --role ADMIN)');
let size = 0;
try {
  size = statSync(file).size;
} catch {
  fail(`cannot read ${file}`);
}
// The gateway takes request bodies up to 1 MB: say so here rather than as an HTTP 413.
if (size > MAX_BYTES) fail(`${file} is ${(size / 1_000_000).toFixed(1)} MB; a manifest may be at most 0.9 MB — split it and publish each part`);
const manifest = readFileSync(file, 'utf8');
let response: Response;
try {
  response = await fetch(values.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${values.token}` },
    body: JSON.stringify({
      query: `mutation Publish($input: RegisterPersistedOperationsInput!) {
        registerPersistedOperations(input: $input) { added operations { name operationId } userErrors { field message code } }
      }`,
      variables: { input: { clientName: values.client, manifest } },
    }),
  });
} catch (error) {
  fail(`the gateway at ${values.url} is unreachable (${(error as Error).message})`, 1);
}
const answer = (await response!.json().catch(() => null)) as {
  data?: {
    registerPersistedOperations: { added: number; operations: { name: string; operationId: string }[]; userErrors: { message: string; code: string }[] };
  };
  errors?: { message: string; extensions?: { code?: string } }[];
} | null;
if (!answer) fail(`the gateway answered HTTP ${response!.status} without JSON`, 1);
if (answer!.errors?.length) fail(answer!.errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('\n'), 1);
const result = answer!.data!.registerPersistedOperations;
if (result.userErrors.length > 0) fail(`nothing was registered:\n${result.userErrors.map((e) => `  ${e.code}: ${e.message}`).join('\n')}`, 1);
process.stdout.write(`registered ${result.operations.length} operations for "${values.client}" (${result.added} new):\n`);
for (const operation of result.operations) process.stdout.write(`  ${operation.name}  sha256:${operation.operationId}\n`);
