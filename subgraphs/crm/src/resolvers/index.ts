import { DateScalar, DateTimeScalar, found, isUuid } from '@flowledger/shared';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { clients } from './clients.ts';
import { contacts } from './contacts.ts';
import type { Context } from '../context.ts';
import { mutations } from './mutations.ts';

/** A malformed id names nothing: null, like an id of another organisation. */
const clientById = (id: string, ctx: Context) => (isUuid(id) ? ctx.loaders.client.load(id) : null);
const contactById = (id: string, ctx: Context) => (isUuid(id) ? ctx.loaders.contact.load(id) : null);

export const resolvers: Resolvers<Context> = {
  DateTime: DateTimeScalar,
  Date: DateScalar,
  Query: {
    client: (_, { id }, ctx) => clientById(id, ctx),
    clients,
    contact: (_, { id }, ctx) => contactById(id, ctx),
    contacts,
  },
  Mutation: mutations,
  Client: {
    __resolveReference: (ref, ctx) => clientById(ref.id!, ctx),
    positions: (client, _, ctx) => ctx.loaders.positionsByClient.load(client.id),
    contacts: async (client, _, ctx) => {
      const positions = await ctx.loaders.positionsByClient.load(client.id);
      return found(await ctx.loaders.contact.loadMany(positions.map((p) => p.contactId)));
    },
  },
  Contact: {
    __resolveReference: (ref, ctx) => contactById(ref.id!, ctx),
    displayName: (c) => [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email || c.linkedinUrl || 'Unnamed contact',
    positions: (contact, _, ctx) => ctx.loaders.positionsByContact.load(contact.id),
  },
  Position: {
    // The (org_id, id) foreign keys guarantee both exist.
    client: async (p, _, ctx) => (await ctx.loaders.client.load(p.clientId))!,
    contact: async (p, _, ctx) => (await ctx.loaders.contact.load(p.contactId))!,
    current: (p) => !p.endDate || p.endDate > new Date().toISOString().slice(0, 10),
  },
  IngestItemResult: {
    client: (r, _, ctx) => (r.clientId ? ctx.loaders.client.load(r.clientId) : null),
    contact: (r, _, ctx) => (r.contactId ? ctx.loaders.contact.load(r.contactId) : null),
  },
};
