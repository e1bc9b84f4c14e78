import { inOrgScope } from '@flowledger/shared';
import type { Orm, Role } from '@flowledger/shared';
import { sessionQuerySchema } from '../domain/inputs.ts';
import { Membership } from '../entities/index.ts';

/**
 * The gateway asks, for a verified token, whether its user is a member of the organisation it names
 * and with which role. Read inside that organisation's scope, so RLS applies as everywhere else; a
 * malformed question is answered as "no membership".
 */
export async function lookUpSession(options: { orm: Orm; input: unknown }): Promise<{ role: Role | null }> {
  const parsed = sessionQuerySchema.safeParse(options.input);
  if (!parsed.success) return { role: null };
  const { userId, orgId } = parsed.data;
  const membership = await inOrgScope(options.orm, orgId, (em) => em.findOne(Membership, { userId }));
  return { role: membership?.role ?? null };
}
