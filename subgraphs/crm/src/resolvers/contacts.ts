import type { FilterQuery } from '@mikro-orm/core';
import { z } from 'zod';
import type { GraphQLResolveInfo } from 'graphql';
import { badUserInput, keysetPage, likePattern, parsePageArgs } from '@flowledger/shared';
import { Contact, Position } from '../entities/index.ts';
import type { ContactRow } from '../entities/index.ts';
import type { Context } from '../context.ts';

const filterSchema = z
  .object({
    search: z.string().trim().max(200, 'must be at most 200 characters').nullish(),
    clientId: z.uuid('is not a valid id').nullish(),
  })
  .nullish();

interface ContactsArgs {
  first?: number | null;
  after?: string | null;
  filter?: unknown;
}

/** Contacts in creation order (their ids are time-ordered), paged by keyset. */
export async function contacts(_: unknown, args: ContactsArgs, ctx: Context, info: GraphQLResolveInfo) {
  const page = parsePageArgs(args, ctx.maxPageSize);
  const filter = filterSchema.safeParse(args.filter);
  if (!filter.success) throw badUserInput(filter.error, ['filter']);
  const where: FilterQuery<ContactRow>[] = [];
  const f = filter.data;
  if (f?.search) {
    const pattern = likePattern(f.search);
    where.push({ $or: [{ firstName: { $ilike: pattern } }, { lastName: { $ilike: pattern } }, { email: { $ilike: pattern } }] });
  }
  if (f?.clientId) {
    const positions = await ctx.em.find(Position, { clientId: f.clientId }, { fields: ['contactId'] });
    where.push({ id: { $in: positions.map((p) => p.contactId) } });
  }
  return keysetPage({
    em: ctx.em,
    entity: Contact,
    where,
    page,
    orderBy: [{ id: 'asc' }],
    after: (cursor) => ({ id: { $gt: cursor.id } }),
    sortKey: (row) => row.id,
    info,
  });
}
