import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { byIdLoader, countStatements, groupLoader, plainRows } from '@flowledger/shared';
import type { OrgContext, ReadDB } from '@flowledger/shared';
import type { Client, Contact, Position } from './entities/index.ts';

interface PositionWithContact {
  id: string;
  orgId: string;
  clientId: string;
  contactId: string;
  title: string | null;
  email: string | null;
  startDate: string | null;
  endDate: string | null;
  createdAt: string;
  updatedAt: string;
  cFirstName: string | null;
  cLastName: string | null;
  cEmail: string | null;
  cPhone: string | null;
  cLinkedinUrl: string | null;
  cCreatedAt: string;
  cUpdatedAt: string;
}

export type CrmDB = ReadDB<typeof Client | typeof Contact | typeof Position>;

/** The request's typed reader on plain rows (see READ_NAMING): bound to its transaction. */
export const crmReads = (em: EntityManager) => em.getKysely<CrmDB>().withPlugin(plainRows(em)).withSchema('crm').withPlugin(countStatements('crm'));

/** One statement per entity type and per child list, whatever the page size; plain rows. */
export function createLoaders(em: EntityManager, org: OrgContext) {
  const db = crmReads(em);
  const { orgId } = org;
  const contact = byIdLoader((ids) =>
    db
      .selectFrom('Contact')
      .selectAll()
      .where('orgId', '=', orgId)
      .where('id', 'in', [...ids])
      .execute(),
  );
  return {
    client: byIdLoader((ids) =>
      db
        .selectFrom('Client')
        .selectAll()
        .where('orgId', '=', orgId)
        .where('id', 'in', [...ids])
        .execute(),
    ),
    contact,
    /**
     * A client's positions, each with its contact in the same statement: the contact loader is
     * primed with them, so `Client.contacts` and `Position.contact` cost no statement of their own.
     */
    positionsByClient: groupLoader(
      async (ids) => {
        // Hand-written: the entity-named plugin loses columns of a join. Aliases are the property names.
        const { rows } = await sql<PositionWithContact>`
          select p.id, p.org_id as "orgId", p.client_id as "clientId", p.contact_id as "contactId", p.title, p.email,
                 p.start_date::text as "startDate", p.end_date::text as "endDate", p.created_at as "createdAt", p.updated_at as "updatedAt",
                 c.first_name as "cFirstName", c.last_name as "cLastName", c.email as "cEmail", c.phone as "cPhone",
                 c.linkedin_url as "cLinkedinUrl", c.created_at as "cCreatedAt", c.updated_at as "cUpdatedAt"
          from crm.position p join crm.contact c on c.org_id = p.org_id and c.id = p.contact_id
          where p.org_id = ${orgId} and p.client_id = any(${[...ids]}::uuid[])
          order by p.id`.execute(db);
        return rows.map((row) => {
          contact.prime(row.contactId, {
            id: row.contactId,
            orgId: row.orgId,
            firstName: row.cFirstName,
            lastName: row.cLastName,
            email: row.cEmail,
            phone: row.cPhone,
            linkedinUrl: row.cLinkedinUrl,
            createdAt: new Date(row.cCreatedAt),
            updatedAt: new Date(row.cUpdatedAt),
          });
          return {
            id: row.id,
            orgId: row.orgId,
            clientId: row.clientId,
            contactId: row.contactId,
            title: row.title,
            email: row.email,
            startDate: row.startDate,
            endDate: row.endDate,
            createdAt: new Date(row.createdAt),
            updatedAt: new Date(row.updatedAt),
          };
        });
      },
      (p) => p.clientId,
    ),
    positionsByContact: groupLoader(
      (ids) =>
        db
          .selectFrom('Position')
          .selectAll()
          .where('orgId', '=', orgId)
          .where('contactId', 'in', [...ids])
          .orderBy('id')
          .execute(),
      (p) => p.contactId,
    ),
  };
}

export type CrmLoaders = ReturnType<typeof createLoaders>;
