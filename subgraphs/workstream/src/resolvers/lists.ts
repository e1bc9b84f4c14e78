import type { FilterQuery } from '@mikro-orm/core';
import { z } from 'zod';
import type { GraphQLResolveInfo } from 'graphql';
import { badUserInput, keysetPage, likePattern, parsePageArgs } from '@flowledger/shared';
import { Candidate, Pursuit } from '../entities/index.ts';
import type { CandidateRow, PursuitRow } from '../entities/index.ts';
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

/** Newest first: ids are time-ordered, so the rows after a cursor have smaller ids. */
const newestFirst = (cursor: { id: string }) => ({ id: { $lt: cursor.id } });

interface ListArgs {
  first?: number | null;
  after?: string | null;
  filter?: unknown;
}

/** Pursuits newest first (ids are time-ordered), paged by keyset on id. */
export async function pursuits(_: unknown, args: ListArgs, ctx: Context, info: GraphQLResolveInfo) {
  const page = parsePageArgs(args, ctx.maxPageSize);
  const parsed = pursuitFilter.safeParse(args.filter);
  if (!parsed.success) throw badUserInput(parsed.error, ['filter']);
  const f = parsed.data;
  const where: FilterQuery<PursuitRow>[] = [];
  if (f?.stages?.length) where.push({ stage: { $in: f.stages } });
  if (f?.clientId) where.push({ clientId: f.clientId });
  if (f?.ownerId) where.push({ ownerId: f.ownerId });
  if (f?.search) where.push({ name: { $ilike: likePattern(f.search) } });
  return keysetPage({ em: ctx.em, entity: Pursuit, where, page, orderBy: [{ id: 'desc' }], after: newestFirst, sortKey: (row) => row.id, info });
}

/** Candidates newest first, paged by keyset on id. */
export async function candidates(_: unknown, args: ListArgs, ctx: Context, info: GraphQLResolveInfo) {
  const page = parsePageArgs(args, ctx.maxPageSize);
  const parsed = candidateFilter.safeParse(args.filter);
  if (!parsed.success) throw badUserInput(parsed.error, ['filter']);
  const f = parsed.data;
  const where: FilterQuery<CandidateRow>[] = [];
  if (f?.statuses?.length) where.push({ status: { $in: f.statuses } });
  if (f?.assigneeId) where.push({ assigneeId: f.assigneeId });
  if (f?.tags?.length) where.push({ tags: { $contains: f.tags } });
  return keysetPage({ em: ctx.em, entity: Candidate, where, page, orderBy: [{ id: 'desc' }], after: newestFirst, sortKey: (row) => row.id, info });
}
