import { inOrgScope } from '@flowledger/shared';
import type { Orm } from '@flowledger/shared';
import { Membership, Organization, User } from '../entities/index.ts';
import { DEMO } from './demo.ts';

/** Idempotent: upserts by the fixed ids, so running it on every start changes nothing twice. */
export async function seedAccess(orm: Orm): Promise<void> {
  for (const org of Object.values(DEMO)) {
    await inOrgScope(orm, org.id, async (em) => {
      await em.upsert(Organization, { id: org.id, slug: org.slug, name: org.name, baseCurrency: org.baseCurrency }, { onConflictFields: ['id'] });
      for (const user of org.users) {
        await em.upsert(User, { id: user.id, email: user.email, name: user.name }, { onConflictFields: ['id'] });
        await em.upsert(
          Membership,
          { orgId: org.id, userId: user.id, role: user.role },
          { onConflictFields: ['orgId', 'userId'], onConflictExcludeFields: ['id', 'createdAt'] },
        );
      }
    });
  }
}
