import { parseInput, requireRole, uuidv7 } from '@flowledger/shared';
import type { UseCaseOptions, UserError } from '@flowledger/shared';
import { SlaRule } from '../entities/index.ts';
import { setSlaRuleSchema } from '../domain/inputs.ts';
import type { SlaKind } from '../domain/sla.ts';
import type { SetSlaRuleInput } from '../generated/resolvers-types.ts';

export interface SlaRuleResult {
  rule: { kind: SlaKind; hours: number; warnFraction: number } | null;
  userErrors: UserError[];
}

/** Sets the organisation's rule for a kind (admins only). It applies to clocks started from now on. */
export async function setSlaRule(options: UseCaseOptions<SetSlaRuleInput>): Promise<SlaRuleResult> {
  const { em, org } = options;
  requireRole(org, 'ADMIN', 'change SLA rules');
  const parsed = parseInput(setSlaRuleSchema, options.input);
  if (!parsed.ok) return { rule: null, userErrors: parsed.userErrors };
  const { kind, hours, warnFraction } = parsed.data;
  const rule = (await em.findOne(SlaRule, { kind })) ?? em.create(SlaRule, { id: uuidv7(), orgId: org.orgId, kind, hours, warnFraction: warnFraction ?? 0.8 });
  rule.hours = hours;
  if (warnFraction != null) rule.warnFraction = warnFraction;
  await em.flush();
  return { rule: { kind, hours: Number(rule.hours), warnFraction: Number(rule.warnFraction) }, userErrors: [] };
}
