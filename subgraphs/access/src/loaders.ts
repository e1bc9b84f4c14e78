import type { EntityManager } from '@mikro-orm/postgresql';
import { byIdLoader, countStatements, groupLoader, plainRows } from '@flowledger/shared';
import type { OrgContext, ReadDB } from '@flowledger/shared';
import { ApiKey, Membership, Organization, PersistedOperation, User } from './entities/index.ts';

export type AccessDB = ReadDB<typeof ApiKey | typeof Membership | typeof Organization | typeof PersistedOperation | typeof User>;

/** The request's typed reader on plain rows (see READ_NAMING): bound to its transaction. */
export const accessReads = (em: EntityManager) => em.getKysely<AccessDB>().withPlugin(plainRows(em)).withSchema('access').withPlugin(countStatements('access'));

export function createLoaders(em: EntityManager, org: OrgContext) {
  const db = accessReads(em);
  return {
    persistedOperation: byIdLoader((ids) =>
      db
        .selectFrom('PersistedOperation')
        .selectAll()
        .where('orgId', '=', org.orgId)
        .where('id', 'in', [...ids])
        .execute(),
    ),
    apiKey: byIdLoader((ids) =>
      db
        .selectFrom('ApiKey')
        .selectAll()
        .where('orgId', '=', org.orgId)
        .where('id', 'in', [...ids])
        .execute(),
    ),
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
