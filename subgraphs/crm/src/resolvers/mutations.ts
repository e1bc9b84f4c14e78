import { archiveClient } from '../use-cases/archive-client.ts';
import { createClient } from '../use-cases/create-client.ts';
import { createContact } from '../use-cases/create-contact.ts';
import { ingestProspects } from '../use-cases/ingest-prospects.ts';
import { updateClient } from '../use-cases/update-client.ts';
import type { MutationResolvers } from '../generated/resolvers-types.ts';
import type { Context } from '../context.ts';

/** Thin: each mutation hands its input to its use case with the request's EntityManager. */
export const mutations: MutationResolvers<Context> = {
  createClient: (_, { input }, ctx) => createClient({ em: ctx.em, orgId: ctx.org.orgId, input }),
  updateClient: (_, { input }, ctx) => updateClient({ em: ctx.em, orgId: ctx.org.orgId, input }),
  archiveClient: (_, { input }, ctx) => archiveClient({ em: ctx.em, input }),
  createContact: (_, { input }, ctx) => createContact({ em: ctx.em, orgId: ctx.org.orgId, input }),
  ingestProspects: async (_, { input }, ctx) => {
    const { results, userErrors } = await ingestProspects({ em: ctx.em, orgId: ctx.org.orgId, input });
    const count = (status: string) => results.filter((r) => r.status === status).length;
    return {
      results,
      created: count('CREATED'),
      updated: count('UPDATED'),
      unchanged: count('UNCHANGED'),
      rejected: count('REJECTED'),
      userErrors,
    };
  },
};
