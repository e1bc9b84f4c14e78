import type { EntityManager } from '@mikro-orm/postgresql';
import { byIdLoader, groupLoader } from '@flowledger/shared';
import { Client, Contact, Position } from './entities/index.ts';

/** One statement per entity type and per child list, whatever the page size. */
export function createLoaders(em: EntityManager) {
  return {
    client: byIdLoader((ids) => em.find(Client, { id: { $in: [...ids] } })),
    contact: byIdLoader((ids) => em.find(Contact, { id: { $in: [...ids] } })),
    positionsByClient: groupLoader(
      (ids) => em.find(Position, { clientId: { $in: [...ids] } }, { orderBy: { id: 'asc' } }),
      (p) => p.clientId,
    ),
    positionsByContact: groupLoader(
      (ids) => em.find(Position, { contactId: { $in: [...ids] } }, { orderBy: { id: 'asc' } }),
      (p) => p.contactId,
    ),
  };
}

export type CrmLoaders = ReturnType<typeof createLoaders>;
