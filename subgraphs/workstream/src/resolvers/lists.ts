import { sql } from 'kysely';
import { z } from 'zod';
import type { GraphQLResolveInfo } from 'graphql';
import { badUserInput, likePattern, parsePageArgs, countRows, pageOfRows } from '@flowledger/shared';
import { workstreamReads } from '../loaders.ts';
import { CANDIDATE_STATUSES } from '../domain/candidate-status.ts';
import { PURSUIT_STAGES } from '../domain/pursuit-stage.ts';
import type { Context } from '../context.ts';

const pursuitFilter = z
  .object({
    stages: z.array(z.enum(PURSUIT_STAGES)).nullish(),
    clientId: z.uuid('is not a valid id').nullish(),
    ownerId: z.uuid('is not a valid id').nullish(),
    search: z.string().trim().max(200).nullish(),
  })
  .nullish();

const candidateFilter = z
  .object({
    statuses: z.array(z.enum(CANDIDATE_STATUSES)).nullish(),
    assigneeId: z.uuid('is not a valid id').nullish(),
    tags: z.array(z.string()).max(20).nullish(),
  })
  .nullish();

interface ListArgs {
  first?: number | null;
  after?: string | null;
  filter?: unknown;
}

/** Pursuits newest first (ids are time-ordered, so the rows after a cursor have smaller ids), on plain rows. */
export async function pursuits(_: unknown, args: ListArgs, ctx: Context, info: GraphQLResolveInfo) {
  const page = parsePageArgs(args, ctx.maxPageSize);
  const parsed = pursuitFilter.safeParse(args.filter);
  if (!parsed.success) throw badUserInput(parsed.error, ['filter']);
  const f = parsed.data;
  const matching = workstreamReads(ctx.em)
    .selectFrom('Pursuit')
    .where('orgId', '=', ctx.org.orgId)
    .$if(Boolean(f?.stages?.length), (q) => q.where('stage', 'in', f!.stages!))
    .$if(Boolean(f?.clientId), (q) => q.where('clientId', '=', f!.clientId!))
    .$if(Boolean(f?.ownerId), (q) => q.where('ownerId', '=', f!.ownerId!))
    .$if(Boolean(f?.search), (q) => q.where('name', 'ilike', likePattern(f!.search!)));
  return pageOfRows({
    page,
    info,
    rows: (limit, after) =>
      matching
        .selectAll()
        .$if(after !== null, (q) => q.where('id', '<', after!.id))
        .orderBy('id', 'desc')
        .limit(limit)
        .execute(),
    count: () => countRows(matching),
    sortKey: (row) => row.id,
  });
}

/** Candidates newest first, paged by keyset on id, on plain rows. */
export async function candidates(_: unknown, args: ListArgs, ctx: Context, info: GraphQLResolveInfo) {
  const page = parsePageArgs(args, ctx.maxPageSize);
  const parsed = candidateFilter.safeParse(args.filter);
  if (!parsed.success) throw badUserInput(parsed.error, ['filter']);
  const f = parsed.data;
  const matching = workstreamReads(ctx.em)
    .selectFrom('Candidate')
    .where('orgId', '=', ctx.org.orgId)
    .$if(Boolean(f?.statuses?.length), (q) => q.where('status', 'in', f!.statuses!))
    .$if(Boolean(f?.assigneeId), (q) => q.where('assigneeId', '=', f!.assigneeId!))
    .$if(Boolean(f?.tags?.length), (q) => q.where(sql<boolean>`tags @> ${f!.tags!}::text[]`));
  return pageOfRows({
    page,
    info,
    rows: (limit, after) =>
      matching
        .selectAll()
        .$if(after !== null, (q) => q.where('id', '<', after!.id))
        .orderBy('id', 'desc')
        .limit(limit)
        .execute(),
    count: () => countRows(matching),
    sortKey: (row) => row.id,
  });
}
