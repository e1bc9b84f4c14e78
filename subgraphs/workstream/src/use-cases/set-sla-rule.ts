import type { EntityManager } from '@mikro-orm/postgresql';
import { userError, userErrorsFromZod, uuidv7 } from '@flowledger/shared';
import type { OrgContext, UserError } from '@flowledger/shared';
import { SlaRule } from '../entities/index.ts';
import { setSlaRuleSchema } from '../domain/inputs.ts';
import type { SlaKind } from '../domain/sla.ts';

export interface SlaRuleResult {
  rule: { kind: SlaKind; hours: number; warnFraction: number } | null;
  userErrors: UserError[];
}

/** Sets the organisation's rule for a kind (admins only). It applies to clocks started from now on. */
export async function setSlaRule(options: { em: EntityManager; org: OrgContext; input: unknown }): Promise<SlaRuleResult> {
  const { em, org } = options;
  if (!org.roles.includes('ADMIN')) return { rule: null, userErrors: [userError(null, 'only an ADMIN may change SLA rules', 'FORBIDDEN')] };
  const parsed = setSlaRuleSchema.safeParse(options.input);
  if (!parsed.success) return { rule: null, userErrors: userErrorsFromZod(parsed.error) };
  const { kind, hours, warnFraction } = parsed.data;
  const rule = (await em.findOne(SlaRule, { kind })) ?? em.create(SlaRule, { id: uuidv7(), orgId: org.orgId, kind, hours, warnFraction: warnFraction ?? 0.8 });
  rule.hours = hours;
  if (warnFraction != null) rule.warnFraction = warnFraction;
  await em.flush();
  return { rule: { kind, hours: Number(rule.hours), warnFraction: Number(rule.warnFraction) }, userErrors: [] };
}
