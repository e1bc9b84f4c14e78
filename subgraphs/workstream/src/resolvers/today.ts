import { z } from 'zod';
import { sql } from 'kysely';
import { badUserInput, found } from '@flowledger/shared';
import { workstreamReads } from '../loaders.ts';
import type { CandidateRow, PursuitRow, SlaClockRow } from '../entities/index.ts';
import { OPEN_CANDIDATE_STATUSES } from '../domain/candidate-status.ts';
import type { Priority } from '../domain/candidate-status.ts';
import type { SlaStatus } from '../domain/sla.ts';
import { compareToday } from '../domain/today-order.ts';
import type { Context } from '../context.ts';

const filterSchema = z
  .object({ assigneeId: z.uuid('is not a valid id').nullish(), tags: z.array(z.string()).max(20).nullish(), everyone: z.boolean().nullish() })
  .nullish();

// Built once per cap (a process has one), not per request.
const limitSchemas = new Map<number, z.ZodType<number | null | undefined>>();
function limitSchema(max: number) {
  let schema = limitSchemas.get(max);
  if (!schema) limitSchemas.set(max, (schema = z.number().int().min(1).max(max, `must be at most ${max}`).nullish()));
  return schema;
}

const OPEN_STAGES = ['QUALIFY', 'PINK', 'RED', 'SUBMITTED'] as const;
const RUNNING = new Set(['OK', 'AT_RISK', 'BREACHED']);

/** The most urgent running clock among an item's clocks. */
function worstClock(clocks: SlaClockRow[]): SlaClockRow | null {
  const rank: Record<string, number> = { BREACHED: 0, AT_RISK: 1, OK: 2, MET: 3 };
  return clocks.filter((c) => RUNNING.has(c.status)).sort((a, b) => rank[a.status]! - rank[b.status]! || a.dueAt.getTime() - b.dueAt.getTime())[0] ?? null;
}

/**
 * The caller's open work: candidates to triage (NEW, TRIAGED, NURTURE) and pursuits needing action
 * (not WON or LOST) that are theirs or nobody's yet; `everyone` drops that, `assigneeId` picks another
 * person. Four statements on plain rows, ordered in memory by the today rule.
 */
export async function today(_: unknown, args: { filter?: unknown; first?: number | null }, ctx: Context) {
  const parsed = filterSchema.safeParse(args.filter);
  if (!parsed.success) throw badUserInput(parsed.error, ['filter']);
  const limit = limitSchema(ctx.maxPageSize).safeParse(args.first);
  if (!limit.success) throw badUserInput(limit.error, ['first']);
  const f = parsed.data;
  const who = f?.everyone ? null : (f?.assigneeId ?? ctx.org.actor.id);
  const db = workstreamReads(ctx.em);
  const { orgId } = ctx.org;
  const [candidates, pursuits] = await Promise.all([
    db
      .selectFrom('Candidate')
      .selectAll()
      .where('orgId', '=', orgId)
      .where('status', 'in', [...OPEN_CANDIDATE_STATUSES])
      .$if(Boolean(f?.tags?.length), (q) => q.where(sql<boolean>`tags && ${f!.tags!}::text[]`))
      .$if(who !== null, (q) => q.where((eb) => eb.or([eb('assigneeId', '=', who!), eb('assigneeId', 'is', null)])))
      .execute(),
    db
      .selectFrom('Pursuit')
      .selectAll()
      .where('orgId', '=', orgId)
      .where('stage', 'in', [...OPEN_STAGES])
      .$if(who !== null, (q) => q.where((eb) => eb.or([eb('ownerId', '=', who!), eb('ownerId', 'is', null)])))
      .execute(),
  ]);
  // A pursuit's priority and tags are its candidate's; its RESPONSE clocks are its sent proposals'.
  const [origins, sent] = await Promise.all([
    ctx.loaders.candidate.loadMany(pursuits.map((p) => p.candidateId)),
    pursuits.length
      ? db
          .selectFrom('Proposal')
          .selectAll()
          .where('orgId', '=', orgId)
          .where(
            'pursuitId',
            'in',
            pursuits.map((p) => p.id),
          )
          .where('status', '=', 'SENT')
          .execute()
      : Promise.resolve([]),
  ]);
  const origin = new Map(found(origins).map((c) => [c.id, c] as const));
  const visiblePursuits = f?.tags?.length ? pursuits.filter((p) => origin.get(p.candidateId)?.tags.some((t) => f.tags!.includes(t))) : pursuits;
  const subjectIds = [...candidates.map((c) => c.id), ...visiblePursuits.map((p) => p.id), ...sent.map((p) => p.id)];
  const clocks = subjectIds.length ? await db.selectFrom('SlaClock').selectAll().where('orgId', '=', orgId).where('subjectId', 'in', subjectIds).execute() : [];
  const proposalsOf = new Map<string, string[]>();
  for (const proposal of sent) proposalsOf.set(proposal.pursuitId, [...(proposalsOf.get(proposal.pursuitId) ?? []), proposal.id]);
  const clocksOf = (id: string) => {
    const subjects = new Set([id, ...(proposalsOf.get(id) ?? [])]);
    return clocks.filter((c) => subjects.has(c.subjectId));
  };

  const items = [
    ...candidates.map((candidate: CandidateRow) => {
      const clock = worstClock(clocksOf(candidate.id));
      return {
        candidate,
        pursuit: null,
        slaStatus: (clock?.status ?? null) as SlaStatus | null,
        priority: candidate.priority as Priority,
        dueAt: clock?.dueAt ?? candidate.dueAt ?? null,
        reason: candidate.status === 'NEW' ? 'to triage' : 'to qualify',
        proposalViewedAt: null,
        id: candidate.id,
      };
    }),
    ...visiblePursuits.map((pursuit: PursuitRow) => {
      const clock = worstClock(clocksOf(pursuit.id));
      const priority = (origin.get(pursuit.candidateId)?.priority ?? 'MEDIUM') as Priority;
      // A sent proposal the client has opened (tracking's first human open) and not answered: follow up now.
      const viewed = sent
        .filter((p) => p.pursuitId === pursuit.id && p.firstViewedAt)
        .sort((a, b) => new Date(b.firstViewedAt!).getTime() - new Date(a.firstViewedAt!).getTime())[0];
      return {
        candidate: null,
        pursuit,
        slaStatus: (clock?.status ?? null) as SlaStatus | null,
        priority,
        dueAt: clock?.dueAt ?? null,
        reason: viewed ? 'proposal opened — follow up' : `pursuit in ${pursuit.stage}`,
        proposalViewedAt: viewed?.firstViewedAt ?? null,
        id: pursuit.id,
      };
    }),
  ];
  return items.sort(compareToday).slice(0, limit.data ?? 50);
}
