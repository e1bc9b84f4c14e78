import type { GraphQLResolveInfo } from 'graphql';
import { badUserInput, countRows, pageOfRows, parsePageArgs } from '@flowledger/shared';
import type { Context } from '../context.ts';
import { requireKeyManager } from '../domain/api-key-rules.ts';
import { clientNameSchema } from '../domain/inputs.ts';
import { accessReads } from '../loaders.ts';
import type { QueryPersistedOperationsArgs } from '../generated/resolvers-types.ts';

/** A partner app's registered operations, by name then id. */
export async function persistedOperations(_: unknown, args: QueryPersistedOperationsArgs, ctx: Context, info: GraphQLResolveInfo) {
  requireKeyManager(ctx.org, 'list persisted operations');
  const page = parsePageArgs(args, ctx.maxPageSize);
  const clientName = clientNameSchema.safeParse(args.clientName);
  if (!clientName.success) throw badUserInput(clientName.error, ['clientName']);
  const matching = accessReads(ctx.em).selectFrom('PersistedOperation').where('orgId', '=', ctx.org.orgId).where('clientName', '=', clientName.data);
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
