import type { FilterQuery } from '@mikro-orm/core';
import { z } from 'zod';
import type { GraphQLResolveInfo } from 'graphql';
import { badUserInput, keysetPage, likePattern, parsePageArgs } from '@flowledger/shared';
import { Client } from '../entities/index.ts';
import type { ClientRow } from '../entities/index.ts';
import { CLIENT_STATUSES } from '../domain/client-enums.ts';
import type { Context } from '../context.ts';

const filterSchema = z
  .object({
    search: z.string().trim().max(200, 'must be at most 200 characters').nullish(),
    status: z.enum(CLIENT_STATUSES).nullish(),
    tags: z.array(z.string()).max(20, 'must have at most 20 tags').nullish(),
  })
  .nullish();

interface ClientsArgs {
  first?: number | null;
  after?: string | null;
  filter?: unknown;
}

/** Clients ordered by (name, id), paged by keyset; the filter narrows before counting. */
export async function clients(_: unknown, args: ClientsArgs, ctx: Context, info: GraphQLResolveInfo) {
  const page = parsePageArgs(args, ctx.maxPageSize);
  const filter = filterSchema.safeParse(args.filter);
  if (!filter.success) throw badUserInput(filter.error, ['filter']);
  const where: FilterQuery<ClientRow>[] = [];
  const f = filter.data;
  if (f?.search) where.push({ $or: [{ name: { $ilike: likePattern(f.search) } }, { domain: { $ilike: likePattern(f.search) } }] });
  if (f?.status) where.push({ status: f.status });
  if (f?.tags?.length) where.push({ tags: { $contains: f.tags } });
  return keysetPage({
    em: ctx.em,
    entity: Client,
    where,
    page,
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    after: (cursor) => ({ $or: [{ name: { $gt: cursor.key } }, { name: cursor.key, id: { $gt: cursor.id } }] }),
    sortKey: (row) => row.name,
    info,
  });
}
