import { z } from 'zod';
import type { GraphQLResolveInfo } from 'graphql';
import { badUserInput, countRows, pageOfRows, parsePageArgs } from '@flowledger/shared';
import { billingReads } from '../loaders.ts';
import { day } from '../domain/inputs.ts';
import { ENGAGEMENT_STATUSES } from '../domain/engagement-rules.ts';
import { TIME_ENTRY_STATUSES } from '../domain/time-entry-states.ts';
import type { Context } from '../context.ts';

const id = z.uuid('is not a valid id');
const engagementFilter = z.object({ clientId: id.nullish(), status: z.enum(ENGAGEMENT_STATUSES).nullish() }).nullish();
const timeFilter = z
  .object({ engagementId: id.nullish(), staffId: id.nullish(), status: z.enum(TIME_ENTRY_STATUSES).nullish(), from: day.nullish(), to: day.nullish() })
  .nullish();

interface ListArgs {
  first?: number | null;
  after?: string | null;
  filter?: unknown;
}

/** Engagements by (name, id), paged by keyset, on plain rows. */
export async function engagements(_: unknown, args: ListArgs, ctx: Context, info: GraphQLResolveInfo) {
  const page = parsePageArgs(args, ctx.maxPageSize);
  const parsed = engagementFilter.safeParse(args.filter);
  if (!parsed.success) throw badUserInput(parsed.error, ['filter']);
  const f = parsed.data;
  const matching = billingReads(ctx.em)
    .selectFrom('Engagement')
    .where('orgId', '=', ctx.org.orgId)
    .$if(Boolean(f?.clientId), (q) => q.where('clientId', '=', f!.clientId!))
    .$if(Boolean(f?.status), (q) => q.where('status', '=', f!.status!));
  const connection = await pageOfRows({
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
  // The page's own time entries and milestones name these engagements again: no second read.
  for (const edge of connection.edges) ctx.loaders.engagement.prime(edge.node.id, edge.node);
  return connection;
}

/** Time entries by (day, id), paged by keyset, on plain rows. */
export async function timeEntries(_: unknown, args: ListArgs, ctx: Context, info: GraphQLResolveInfo) {
  const page = parsePageArgs(args, ctx.maxPageSize);
  const parsed = timeFilter.safeParse(args.filter);
  if (!parsed.success) throw badUserInput(parsed.error, ['filter']);
  const f = parsed.data;
  const matching = billingReads(ctx.em)
    .selectFrom('TimeEntry')
    .where('orgId', '=', ctx.org.orgId)
    .$if(Boolean(f?.engagementId), (q) => q.where('engagementId', '=', f!.engagementId!))
    .$if(Boolean(f?.staffId), (q) => q.where('staffId', '=', f!.staffId!))
    .$if(Boolean(f?.status), (q) => q.where('status', '=', f!.status!))
    .$if(Boolean(f?.from), (q) => q.where('entryDate', '>=', f!.from!))
    .$if(Boolean(f?.to), (q) => q.where('entryDate', '<=', f!.to!));
  return pageOfRows({
    page,
    info,
    rows: (limit, after) =>
      matching
        .selectAll()
        .$if(after !== null, (q) =>
          q.where((eb) => eb.or([eb('entryDate', '>', after!.key), eb.and([eb('entryDate', '=', after!.key), eb('id', '>', after!.id)])])),
        )
        .orderBy('entryDate')
        .orderBy('id')
        .limit(limit)
        .execute(),
    count: () => countRows(matching),
    sortKey: (row) => row.entryDate,
  });
}
