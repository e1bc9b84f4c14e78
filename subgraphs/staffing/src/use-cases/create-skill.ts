import { likeLiteral, lockKeys, onUniqueViolation, parseInput } from '@flowledger/shared';
import type { UseCaseOptions, UserError } from '@flowledger/shared';
import { Skill } from '../entities/index.ts';
import type { SkillRow } from '../entities/index.ts';
import { createSkillSchema } from '../domain/inputs.ts';
import { userError } from '../errors.ts';
import type { CreateSkillInput } from '../generated/resolvers-types.ts';

export interface SkillResult {
  skill: SkillRow | null;
  userErrors: UserError[];
}

/** A skill name is unique in the organisation, whatever its case: DUPLICATE_NAME, also under a race. */
export async function createSkill(options: UseCaseOptions<CreateSkillInput>): Promise<SkillResult> {
  const parsed = parseInput(createSkillSchema, options.input);
  if (!parsed.ok) return { skill: null, userErrors: parsed.userErrors };
  const { name, category } = parsed.data;
  const duplicate = (): SkillResult => ({ skill: null, userErrors: [userError(['input', 'name'], `a skill named ${name} already exists`, 'DUPLICATE_NAME')] });
  await lockKeys(options.em, [`staffing:skill:${options.org.orgId}:${name.toLowerCase()}`]);
  if (await options.em.count(Skill, { name: { $ilike: likeLiteral(name) } })) return duplicate();
  return onUniqueViolation(options.em, { skill_org_name_uq: duplicate }, async (em) => {
    const skill = em.create(Skill, { orgId: options.org.orgId, name, category: category ?? null });
    await em.flush();
    return { skill, userErrors: [] };
  });
}
