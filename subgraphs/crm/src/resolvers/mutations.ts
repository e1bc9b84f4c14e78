import { archiveClient } from '../use-cases/archive-client.ts';
import { createClient } from '../use-cases/create-client.ts';
import { createContact } from '../use-cases/create-contact.ts';
import { ingestProspects } from '../use-cases/ingest-prospects.ts';
import { updateClient } from '../use-cases/update-client.ts';
import { mutationFrom } from '@flowledger/shared';
import type { MutationResolvers } from '../generated/resolvers-types.ts';
import type { Context } from '../context.ts';

/** Thin: every mutation is its use case, wired one way (mutationFrom). */
export const mutations: MutationResolvers<Context> = {
  createClient: mutationFrom(createClient),
  updateClient: mutationFrom(updateClient),
  archiveClient: mutationFrom(archiveClient),
  createContact: mutationFrom(createContact),
  ingestProspects: async (parent, args, ctx) => {
    const { results, userErrors } = await mutationFrom(ingestProspects)(parent, args, ctx);
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
