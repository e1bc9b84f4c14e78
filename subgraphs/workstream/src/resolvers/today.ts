import { z } from 'zod';
import { badUserInput } from '@flowledger/shared';
import { Candidate, Proposal, Pursuit, SlaClock } from '../entities/index.ts';
import type { CandidateRow, PursuitRow, SlaClockRow } from '../entities/index.ts';
import { OPEN_CANDIDATE_STATUSES } from '../domain/candidate-status.ts';
import type { Priority } from '../domain/candidate-status.ts';
import type { SlaStatus } from '../domain/sla.ts';
import { compareToday } from '../domain/today-order.ts';
import type { Context } from '../context.ts';

const filterSchema = z
  .object({ assigneeId: z.uuid('is not a valid id').nullish(), tags: z.array(z.string()).max(20).nullish(), everyone: z.boolean().nullish() })
  .nullish();

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
 * person. Three statements, ordered in memory by the today rule.
 */
export async function today(_: unknown, args: { filter?: unknown; first?: number | null }, ctx: Context) {
  const parsed = filterSchema.safeParse(args.filter);
  if (!parsed.success) throw badUserInput(parsed.error, ['filter']);
  const limit = z.number().int().min(1).max(ctx.maxPageSize, `must be at most ${ctx.maxPageSize}`).nullish().safeParse(args.first);
  if (!limit.success) throw badUserInput(limit.error, ['first']);
  const f = parsed.data;
  const who = f?.everyone ? null : (f?.assigneeId ?? ctx.org.actor.id);
  const mine = <K extends string>(key: K) => (who ? { $or: [{ [key]: who }, { [key]: null }] } : {});

  const [candidates, pursuits] = await Promise.all([
    ctx.em.find(Candidate, {
      status: { $in: [...OPEN_CANDIDATE_STATUSES] },
      ...(f?.tags?.length ? { tags: { $overlap: f.tags } } : {}),
      ...mine('assigneeId'),
    }),
    ctx.em.find(Pursuit, { stage: { $in: [...OPEN_STAGES] }, ...mine('ownerId') }),
  ]);
  // A pursuit's priority and tags are its candidate's; its RESPONSE clocks are its sent proposals'.
  const [origins, sent] = await Promise.all([
    ctx.loaders.candidate.loadMany(pursuits.map((p) => p.candidateId)),
    pursuits.length ? ctx.em.find(Proposal, { pursuitId: { $in: pursuits.map((p) => p.id) }, status: 'SENT' }) : Promise.resolve([]),
  ]);
  const origin = new Map(origins.flatMap((c) => (c && !(c instanceof Error) ? [[c.id, c] as const] : [])));
  const visiblePursuits = f?.tags?.length ? pursuits.filter((p) => origin.get(p.candidateId)?.tags.some((t) => f.tags!.includes(t))) : pursuits;
  const subjectIds = [...candidates.map((c) => c.id), ...visiblePursuits.map((p) => p.id), ...sent.map((p) => p.id)];
  const clocks = subjectIds.length ? await ctx.em.find(SlaClock, { subjectId: { $in: subjectIds } }) : [];
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
        id: candidate.id,
      };
    }),
    ...visiblePursuits.map((pursuit: PursuitRow) => {
      const clock = worstClock(clocksOf(pursuit.id));
      const priority = (origin.get(pursuit.candidateId)?.priority ?? 'MEDIUM') as Priority;
      return {
        candidate: null,
        pursuit,
        slaStatus: (clock?.status ?? null) as SlaStatus | null,
        priority,
        dueAt: clock?.dueAt ?? null,
        reason: `pursuit in ${pursuit.stage}`,
        id: pursuit.id,
      };
    }),
  ];
  return items.sort(compareToday).slice(0, limit.data ?? 50);
}
