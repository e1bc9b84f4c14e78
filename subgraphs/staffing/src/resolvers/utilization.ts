import { badUserInput, groupRows } from '@flowledger/shared';
import { staffingReads } from '../loaders.ts';
import { skillMatchSchema, windowSchema } from '../domain/inputs.ts';
import { availabilityShare, rankCandidates } from '../domain/skill-match.ts';
import { staffFigures } from '../use-cases/staff-calendars.ts';
import type { QueryResolvers } from '../generated/resolvers-types.ts';
import type { Context } from '../context.ts';

/** Per person and ISO week over the window: three statements for any number of people. */
export const utilization: QueryResolvers<Context>['utilization'] = async (_, args, ctx) => {
  const parsed = windowSchema.safeParse(args);
  if (!parsed.success) throw badUserInput(parsed.error);
  const rows = await staffFigures(ctx.em, { orgId: ctx.org.orgId, ...parsed.data });
  return rows.map(({ staff, figures }) => ({ staffMember: staff, ...figures }));
};

/** One person's weeks; null when the id names nobody in this organisation. */
export const availability: QueryResolvers<Context>['availability'] = async (_, args, ctx) => {
  const parsed = windowSchema.safeParse({ from: args.from, to: args.to, staffIds: [args.staffId] });
  if (!parsed.success) throw badUserInput(parsed.error);
  const [one] = await staffFigures(ctx.em, { orgId: ctx.org.orgId, ...parsed.data });
  return one ? one.figures.weeks : null;
};

/** Active staff ranked for the requirements: utilization figures (three statements) plus every skill they hold (one). */
export const skillMatch: QueryResolvers<Context>['skillMatch'] = async (_, args, ctx) => {
  const parsed = skillMatchSchema.safeParse(args.input);
  if (!parsed.success) throw badUserInput(parsed.error, ['input']);
  const { requirements, from, to, minAvailability, first } = parsed.data;
  const people = await staffFigures(ctx.em, { orgId: ctx.org.orgId, from, to });
  const skills = people.length
    ? await staffingReads(ctx.em)
        .selectFrom('StaffSkill')
        .select(['staffId', 'skillId', 'level', 'certifiedUntil'])
        .where('orgId', '=', ctx.org.orgId)
        .where(
          'skillId',
          'in',
          requirements.map((r) => r.skillId),
        )
        .execute()
    : [];
  const skillsByStaff = groupRows(skills, (s) => s.staffId);
  const ranked = rankCandidates({
    requirements,
    from,
    minAvailability: minAvailability ?? '0',
    candidates: people.map(({ staff, figures }) => ({
      id: staff.id,
      name: staff.name,
      skills: skillsByStaff.get(staff.id) ?? [],
      availability: availabilityShare(figures.capacityHours, figures.allocatedHours),
    })),
  });
  const byId = new Map(people.map((p) => [p.staff.id, p.staff]));
  return ranked.slice(0, first ?? 20).map((r) => ({
    staffMember: byId.get(r.staffId)!,
    score: r.score,
    explanation: {
      coverage: r.coverage,
      levelSurplus: r.levelSurplus,
      availability: r.availability,
      requirements: r.requirements,
    },
  }));
};
