import { z } from 'zod';
import type { GraphQLResolveInfo } from 'graphql';
import { badUserInput, countRows, likePattern, pageOfRows, parsePageArgs } from '@flowledger/shared';
import { staffingReads } from '../loaders.ts';
import { role } from '../domain/inputs.ts';
import type { Context } from '../context.ts';

const staffFilter = z
  .object({
    active: z.boolean().nullish(),
    role: role.nullish(),
    search: z.string().trim().max(200, 'must be at most 200 characters').nullish(),
  })
  .nullish();

const assignmentArgs = z.object({
  first: z.number().int().min(1, 'must be 1 or more').max(500, 'must be at most 500').nullish(),
  filter: z
    .object({
      staffId: z.uuid('is not a valid id').nullish(),
      pursuitId: z.uuid('is not a valid id').nullish(),
      engagementId: z.uuid('is not a valid id').nullish(),
      status: z.enum(['ACTIVE', 'ENDED']).nullish(),
      activeOn: z.string().nullish(),
    })
    .nullish(),
});

interface ListArgs {
  first?: number | null;
  after?: string | null;
  filter?: unknown;
}

/** Staff by (name, id), paged by keyset, on plain rows. */
export async function staffMembers(_: unknown, args: ListArgs, ctx: Context, info: GraphQLResolveInfo) {
  const page = parsePageArgs(args, ctx.maxPageSize);
  const parsed = staffFilter.safeParse(args.filter);
  if (!parsed.success) throw badUserInput(parsed.error, ['filter']);
  const f = parsed.data;
  const matching = staffingReads(ctx.em)
    .selectFrom('StaffMember')
    .where('orgId', '=', ctx.org.orgId)
    .$if(typeof f?.active === 'boolean', (q) => q.where('active', '=', f!.active!))
    .$if(Boolean(f?.role), (q) => q.where('role', '=', f!.role!))
    .$if(Boolean(f?.search), (q) => q.where((eb) => eb.or([eb('name', 'ilike', likePattern(f!.search!)), eb('email', 'ilike', likePattern(f!.search!))])));
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

/** Assignments by start date then id, filtered, at most 500. */
export async function assignments(_: unknown, args: unknown, ctx: Context) {
  const parsed = assignmentArgs.safeParse(args);
  if (!parsed.success) throw badUserInput(parsed.error);
  const f = parsed.data.filter;
  return staffingReads(ctx.em)
    .selectFrom('Assignment')
    .selectAll()
    .where('orgId', '=', ctx.org.orgId)
    .$if(Boolean(f?.staffId), (q) => q.where('staffId', '=', f!.staffId!))
    .$if(Boolean(f?.pursuitId), (q) => q.where('pursuitId', '=', f!.pursuitId!))
    .$if(Boolean(f?.engagementId), (q) => q.where('engagementId', '=', f!.engagementId!))
    .$if(Boolean(f?.status), (q) => q.where('status', '=', f!.status!))
    .$if(Boolean(f?.activeOn), (q) => q.where('startDate', '<=', f!.activeOn!).where('endDate', '>=', f!.activeOn!))
    .orderBy('startDate')
    .orderBy('id')
    .limit(parsed.data.first ?? 100)
    .execute();
}
