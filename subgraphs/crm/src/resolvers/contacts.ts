import { z } from 'zod';
import type { GraphQLResolveInfo } from 'graphql';
import { badUserInput, likePattern, parsePageArgs, countRows, pageOfRows } from '@flowledger/shared';
import { crmReads } from '../loaders.ts';
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

/** Contacts in creation order (their ids are time-ordered), paged by keyset, on plain rows. */
export async function contacts(_: unknown, args: ContactsArgs, ctx: Context, info: GraphQLResolveInfo) {
  const page = parsePageArgs(args, ctx.maxPageSize);
  const filter = filterSchema.safeParse(args.filter);
  if (!filter.success) throw badUserInput(filter.error, ['filter']);
  const f = filter.data;
  const db = crmReads(ctx.em);
  const { orgId } = ctx.org;
  const pattern = f?.search ? likePattern(f.search) : null;
  const matching = db
    .selectFrom('Contact')
    .where('orgId', '=', orgId)
    .$if(pattern !== null, (q) =>
      q.where((eb) => eb.or([eb('firstName', 'ilike', pattern!), eb('lastName', 'ilike', pattern!), eb('email', 'ilike', pattern!)])),
    )
    .$if(Boolean(f?.clientId), (q) =>
      q.where('id', 'in', db.selectFrom('Position').select('contactId').where('orgId', '=', orgId).where('clientId', '=', f!.clientId!)),
    );
  return pageOfRows({
    page,
    info,
    rows: (limit, after) =>
      matching
        .selectAll()
        .$if(after !== null, (q) => q.where('id', '>', after!.id))
        .orderBy('id')
        .limit(limit)
        .execute(),
    count: () => countRows(matching),
    sortKey: (row) => row.id,
  });
}
