import { z } from 'zod';
import { gatewayApiSchema, lockKeys, parseInput } from '@flowledger/shared';
import type { UseCaseOptions, UserError } from '@flowledger/shared';
import { requireKeyManager } from '../domain/api-key-rules.ts';
import { clientNameSchema } from '../domain/inputs.ts';
import { checkOperations, manifestSchema } from '../domain/manifest.ts';
import { PersistedOperation } from '../entities/index.ts';
import type { PersistedOperationRow } from '../entities/index.ts';
import { userError } from '../errors.ts';
import type { RegisterPersistedOperationsInput } from '../generated/resolvers-types.ts';

export interface RegisterResult {
  operations: PersistedOperationRow[];
  added: number;
  userErrors: UserError[];
}

const registerSchema = z.object({ clientName: clientNameSchema, manifest: z.string().min(2, 'must be the manifest JSON') });

const refused = (userErrors: UserError[]): RegisterResult => ({ operations: [], added: 0, userErrors });

/**
 * Registers a partner app's manifest, all or nothing: every operation is checked against the API
 * schema the gateway serves, and one that fails refuses the whole manifest with the reason for each.
 * Registering an operation again changes nothing (its id is its body's hash); operations of earlier
 * manifests stay, since older versions of the partner's app still send them.
 */
export async function registerPersistedOperations(options: UseCaseOptions<RegisterPersistedOperationsInput>): Promise<RegisterResult> {
  requireKeyManager(options.org, 'register persisted operations');
  const parsed = parseInput(registerSchema, options.input);
  if (!parsed.ok) return refused(parsed.userErrors);
  let json: unknown;
  try {
    json = JSON.parse(parsed.data.manifest);
  } catch (error) {
    return refused([userError(['input', 'manifest'], `is not JSON: ${(error as Error).message}`, 'INVALID_INPUT')]);
  }
  const manifest = manifestSchema.safeParse(json);
  if (!manifest.success) {
    return refused(
      manifest.error.issues.map((issue) =>
        userError(['input', 'manifest', ...issue.path.map(String)], `${issue.path.length ? `${issue.path.join('.')} ` : ''}${issue.message}`, 'INVALID_INPUT'),
      ),
    );
  }
  const operations = manifest.data.operations;
  const problems = checkOperations(operations, gatewayApiSchema());
  if (problems.length > 0) return refused(problems.map((p) => userError(['input', 'manifest', 'operations', String(p.index)], p.message, p.code)));
  const { clientName } = parsed.data;
  // Two registrations of one client at once: one waits, then finds what the other added.
  await lockKeys(options.em, [`access:persisted:${options.org.orgId}:${clientName}`]);
  const existing = await options.em.find(PersistedOperation, { clientName, operationId: { $in: operations.map((o) => o.id) } });
  const known = new Map(existing.map((o) => [o.operationId, o]));
  let added = 0;
  const registered = operations.map((operation) => {
    const found = known.get(operation.id);
    if (found) return found;
    added++;
    const created = options.em.create(PersistedOperation, {
      orgId: options.org.orgId,
      clientName,
      operationId: operation.id,
      name: operation.name,
      type: operation.type,
      body: operation.body,
      registeredBy: options.org.actor.id,
    });
    known.set(operation.id, created);
    return created;
  });
  await options.em.flush();
  return { operations: registered, added, userErrors: [] };
}
