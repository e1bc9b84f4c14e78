import { sql } from 'kysely';
import { z } from 'zod';
import type { GraphQLResolveInfo } from 'graphql';
import { badUserInput, likePattern, parsePageArgs, countRows, pageOfRows } from '@flowledger/shared';
import { crmReads } from '../loaders.ts';
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

/** Clients ordered by (name, id), paged by keyset, on plain rows; the filter narrows before counting. */
export async function clients(_: unknown, args: ClientsArgs, ctx: Context, info: GraphQLResolveInfo) {
  const page = parsePageArgs(args, ctx.maxPageSize);
  const filter = filterSchema.safeParse(args.filter);
  if (!filter.success) throw badUserInput(filter.error, ['filter']);
  const f = filter.data;
  const matching = crmReads(ctx.em)
    .selectFrom('Client')
    .where('orgId', '=', ctx.org.orgId)
    .$if(Boolean(f?.search), (q) => q.where((eb) => eb.or([eb('name', 'ilike', likePattern(f!.search!)), eb('domain', 'ilike', likePattern(f!.search!))])))
    .$if(Boolean(f?.status), (q) => q.where('status', '=', f!.status!))
    .$if(Boolean(f?.tags?.length), (q) => q.where(sql<boolean>`tags @> ${f!.tags!}::text[]`));
  return pageOfRows({
    page,
    info,
    rows: (limit, after) =>
      matching
        .selectAll()
        .$if(after !== null, (q) => q.where((eb) => eb.or([eb('name', '>', after!.key), eb.and([eb('name', '=', after!.key), eb('id', '>', after!.id)])])))
        .orderBy('name')
        .orderBy('id')
        .limit(limit)
        .execute(),
    count: () => countRows(matching),
    sortKey: (row) => row.name,
  });
}
