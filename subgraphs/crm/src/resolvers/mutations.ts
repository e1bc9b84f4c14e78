import { archiveClient } from '../use-cases/archive-client.ts';
import { createClient } from '../use-cases/create-client.ts';
import { createContact } from '../use-cases/create-contact.ts';
import { ingestProspects } from '../use-cases/ingest-prospects.ts';
import { updateClient } from '../use-cases/update-client.ts';
import type { CrmContext } from './context.ts';

type Input = { input: unknown };

/** Thin: each mutation hands its input to its use case with the request's EntityManager. */
export const mutations = {
  createClient: (_: unknown, { input }: Input, ctx: CrmContext) => createClient({ em: ctx.em, orgId: ctx.org.orgId, input }),
  updateClient: (_: unknown, { input }: Input, ctx: CrmContext) => updateClient({ em: ctx.em, input }),
  archiveClient: (_: unknown, { input }: Input, ctx: CrmContext) => archiveClient({ em: ctx.em, input }),
  createContact: (_: unknown, { input }: Input, ctx: CrmContext) => createContact({ em: ctx.em, orgId: ctx.org.orgId, input }),
  ingestProspects: async (_: unknown, { input }: Input, ctx: CrmContext) => {
    const { results, userErrors } = await ingestProspects({ em: ctx.em, orgId: ctx.org.orgId, input });
    const count = (status: string) => results.filter((r) => r.status === status).length;
    return {
      results: results.map((r) => ({ ...r, client: r.clientId ? { id: r.clientId } : null, contact: r.contactId ? { id: r.contactId } : null })),
      created: count('CREATED'),
      updated: count('UPDATED'),
      unchanged: count('UNCHANGED'),
      rejected: count('REJECTED'),
      userErrors,
    };
  },
};
