import { z } from 'zod';
import { DateScalar, DateTimeScalar } from '@flowledger/shared';
import type { ClientRow, ContactRow, PositionRow } from '../entities/index.ts';
import { clients } from './clients.ts';
import { contacts } from './contacts.ts';
import type { CrmContext } from './context.ts';
import { mutations } from './mutations.ts';

const isUuid = (id: string) => z.uuid().safeParse(id).success;
/** Resolves a `{ id }` reference (from ingest results or federation) to the row, null if not visible. */
const byRef = <K extends 'client' | 'contact'>(kind: K) => (ref: { id: string }, ctx: CrmContext) =>
  isUuid(ref.id) ? ctx.loaders[kind].load(ref.id) : null;

export const resolvers = {
  DateTime: DateTimeScalar,
  Date: DateScalar,
  Query: {
    client: (_: unknown, { id }: { id: string }, ctx: CrmContext) => byRef('client')({ id }, ctx),
    clients,
    contact: (_: unknown, { id }: { id: string }, ctx: CrmContext) => byRef('contact')({ id }, ctx),
    contacts,
  },
  Mutation: mutations,
  Client: {
    __resolveReference: byRef('client'),
    positions: (client: ClientRow, _: unknown, ctx: CrmContext) => ctx.loaders.positionsByClient.load(client.id),
    contacts: async (client: ClientRow, _: unknown, ctx: CrmContext) => {
      const positions = await ctx.loaders.positionsByClient.load(client.id);
      const found = await ctx.loaders.contact.loadMany(positions.map((p) => p.contactId));
      return found.filter((c): c is ContactRow => c !== null && !(c instanceof Error));
    },
  },
  Contact: {
    __resolveReference: byRef('contact'),
    displayName: (c: ContactRow) => [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email || c.linkedinUrl || 'Unnamed contact',
    positions: (contact: ContactRow, _: unknown, ctx: CrmContext) => ctx.loaders.positionsByContact.load(contact.id),
  },
  Position: {
    client: (p: PositionRow, _: unknown, ctx: CrmContext) => ctx.loaders.client.load(p.clientId),
    contact: (p: PositionRow, _: unknown, ctx: CrmContext) => ctx.loaders.contact.load(p.contactId),
    current: (p: PositionRow) => !p.endDate || p.endDate > new Date().toISOString().slice(0, 10),
  },
  IngestItemResult: {
    client: (r: { client: { id: string } | null }, _: unknown, ctx: CrmContext) => (r.client ? ctx.loaders.client.load(r.client.id) : null),
    contact: (r: { contact: { id: string } | null }, _: unknown, ctx: CrmContext) => (r.contact ? ctx.loaders.contact.load(r.contact.id) : null),
  },
};
