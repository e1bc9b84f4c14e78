import { inOrgScope } from '@flowledger/shared';
import type { Orm } from '@flowledger/shared';
import { documentQuerySchema } from '../domain/inputs.ts';
import { ApqDocument, PersistedOperation } from '../entities/index.ts';

/** An APQ document's lastUsedAt moves at most this often (it orders eviction; it needs no precision). */
const TOUCH_EVERY_MS = 3_600_000;

/**
 * The gateway asks for a document by its hash, in the organisation's scope: with a client name,
 * the partner app's registered operation (none of another app's, none of another organisation's);
 * without, a document a person's client registered by APQ.
 */
export async function lookUpDocument(options: { orm: Orm; input: unknown }): Promise<{ body: string | null }> {
  const parsed = documentQuerySchema.safeParse(options.input);
  if (!parsed.success) return { body: null };
  const { orgId, clientName, hash } = parsed.data;
  return inOrgScope(options.orm, orgId, async (em) => {
    if (clientName !== null) {
      const operation = await em.findOne(PersistedOperation, { clientName, operationId: hash });
      return { body: operation?.body ?? null };
    }
    const document = await em.findOne(ApqDocument, { hash });
    if (!document) return { body: null };
    if (Date.now() - document.lastUsedAt.getTime() > TOUCH_EVERY_MS) await em.nativeUpdate(ApqDocument, { id: document.id }, { lastUsedAt: new Date() });
    return { body: document.body };
  });
}
