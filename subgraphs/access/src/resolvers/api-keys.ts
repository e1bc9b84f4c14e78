import type { GraphQLResolveInfo } from 'graphql';
import { badUserInput, countRows, pageOfRows, parsePageArgs } from '@flowledger/shared';
import { z } from 'zod';
import type { Context } from '../context.ts';
import { requireKeyManager } from '../domain/api-key-rules.ts';
import { clientNameSchema } from '../domain/inputs.ts';
import { accessReads } from '../loaders.ts';
import type { QueryApiKeysArgs } from '../generated/resolvers-types.ts';

const filterSchema = z.object({ clientName: clientNameSchema.nullish(), includeInactive: z.boolean().nullish() }).nullish();

/** The organisation's keys, newest first; by default only those that still open the graph. */
export async function apiKeys(_: unknown, args: QueryApiKeysArgs, ctx: Context, info: GraphQLResolveInfo) {
  requireKeyManager(ctx.org, 'list API keys');
  const page = parsePageArgs(args, ctx.maxPageSize);
  const filter = filterSchema.safeParse(args.filter);
  if (!filter.success) throw badUserInput(filter.error, ['filter']);
  const f = filter.data;
  const now = ctx.clock.now();
  const matching = accessReads(ctx.em)
    .selectFrom('ApiKey')
    .where('orgId', '=', ctx.org.orgId)
    .$if(Boolean(f?.clientName), (q) => q.where('clientName', '=', f!.clientName!))
    .$if(!f?.includeInactive, (q) => q.where('revokedAt', 'is', null).where('expiresAt', '>', now));
  return pageOfRows({
    page,
    info,
    rows: (limit, after) =>
      matching
        .selectAll()
        // Newest first: uuid v7 ids grow with creation time.
        .$if(after !== null, (q) => q.where('id', '<', after!.id))
        .orderBy('id', 'desc')
        .limit(limit)
        .execute(),
    count: () => countRows(matching),
    sortKey: (row) => row.id,
  });
}
