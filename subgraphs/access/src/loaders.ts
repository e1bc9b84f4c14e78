import type { EntityManager } from '@mikro-orm/postgresql';
import { byIdLoader, groupLoader } from '@flowledger/shared';
import type { OrgContext } from '@flowledger/shared';
import { Membership, Organization, User } from './entities/index.ts';

export function createLoaders(em: EntityManager, org: OrgContext) {
  return {
    /** Only the organisation the session acts in resolves; any other id is null. */
    organization: byIdLoader((ids) => em.find(Organization, { id: { $in: ids.filter((id) => id === org.orgId) } })),
    /** Memberships in the session's organisation (tenant filter and RLS), by user. */
    membershipsByUser: groupLoader(
      (userIds) => em.find(Membership, { userId: { $in: [...userIds] } }),
      (m) => m.userId,
    ),
    /** Users who are members of the session's organisation: two statements per batch. */
    user: byIdLoader(async (ids) => {
      const members = await em.find(Membership, { userId: { $in: [...ids] } }, { fields: ['userId'] });
      return em.find(User, { id: { $in: members.map((m) => m.userId) } });
    }),
  };
}

export type AccessLoaders = ReturnType<typeof createLoaders>;
