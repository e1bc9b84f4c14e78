import { z } from 'zod';
import { inOrgScope } from '@flowledger/shared';
import type { InternalRoute } from '@flowledger/shared';
import { Membership } from '../entities/index.ts';

const sessionQuery = z.object({ userId: z.uuid(), orgId: z.uuid() });

/**
 * The gateway asks, for a verified token, whether its user is a member of the organisation it names
 * and with which role. Read inside that organisation's scope, so RLS applies as everywhere else.
 */
export const session: InternalRoute = async ({ orm, body }) => {
  const query = sessionQuery.safeParse(body);
  if (!query.success) return { role: null };
  const { userId, orgId } = query.data;
  const membership = await inOrgScope(orm, orgId, (em) => em.findOne(Membership, { userId }));
  return { role: membership?.role ?? null };
};
