import { createHash } from 'node:crypto';
import { inOrgScope } from '@flowledger/shared';
import type { Orm } from '@flowledger/shared';
import { apqStoreSchema } from '../domain/inputs.ts';
import { ApqDocument } from '../entities/index.ts';

/** APQ documents kept per organisation: past this, the least recently used go. */
export const APQ_MAX_PER_ORG = 10_000;

/**
 * Stores a document a person's client sent with its hash (automatic persisted queries), so every
 * gateway process can answer that hash alone afterwards. The hash is checked here again; storing
 * one that exists changes nothing. Bounded per organisation: a client cannot grow the store
 * without limit by sending ever new documents.
 */
export async function storeApqDocument(options: { orm: Orm; input: unknown }): Promise<{ stored: boolean }> {
  const parsed = apqStoreSchema.safeParse(options.input);
  if (!parsed.success) return { stored: false };
  const { orgId, hash, body } = parsed.data;
  if (createHash('sha256').update(body).digest('hex') !== hash) return { stored: false };
  return inOrgScope(options.orm, orgId, async (em) => {
    await em.upsert(ApqDocument, { orgId, hash, body, lastUsedAt: new Date() }, { onConflictFields: ['orgId', 'hash'], onConflictAction: 'ignore' });
    const count = await em.count(ApqDocument, {});
    if (count > APQ_MAX_PER_ORG) {
      const oldest = await em.find(ApqDocument, {}, { orderBy: { lastUsedAt: 'asc' }, limit: count - APQ_MAX_PER_ORG, fields: ['id'] });
      await em.nativeDelete(ApqDocument, { id: { $in: oldest.map((d) => d.id) } });
    }
    return { stored: true };
  });
}
