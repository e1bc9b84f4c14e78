import { createHash } from 'node:crypto';
import { Kind, parse } from 'graphql';
import type { OperationDefinitionNode } from 'graphql';
import type { FullGraph } from '@flowledger/devtools/testing';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** An Apollo persisted query manifest of these documents, and each operation's id by name. */
export function manifestOf(bodies: string[]) {
  const operations = bodies.map((body) => {
    const operation = parse(body).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    return { id: sha256(body), name: operation.name!.value, type: operation.operation, body };
  });
  return {
    manifest: { format: 'apollo-persisted-query-manifest', version: 1, operations },
    ids: Object.fromEntries(operations.map((o) => [o.name, o.id])) as Record<string, string>,
  };
}

/** Registers a manifest for a partner app as the organisation's ADMIN; the payload as answered. */
export async function registerManifest(graph: FullGraph, org: 'acme' | 'globex', clientName: string, manifest: unknown) {
  const { body } = await graph.query({
    org,
    query:
      'mutation($input: RegisterPersistedOperationsInput!) { registerPersistedOperations(input: $input) { added operations { operationId name } userErrors { field code message } } }',
    variables: { input: { clientName, manifest: typeof manifest === 'string' ? manifest : JSON.stringify(manifest) } },
  });
  return body.data?.registerPersistedOperations ?? body;
}

/** Runs a registered operation by its id, as a partner app with its key. */
export async function runPersisted(url: string, key: string, id: string, variables?: Record<string, unknown>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: id } }, variables }),
  });
  return { status: response.status, body: (await response.json()) as any };
}
