import { likeLiteral, lockKeys, onUniqueViolation, parseInput, requireRole } from '@flowledger/shared';
import type { UseCaseOptions } from '@flowledger/shared';
import { RateCard, RateCardVersion } from '../entities/index.ts';
import { createRateCardSchema } from '../domain/inputs.ts';
import { userError } from '../errors.ts';
import type { CreateRateCardInput } from '../generated/resolvers-types.ts';
import { refused, replaceRates } from './rate-card-result.ts';
import type { RateCardResult } from './rate-card-result.ts';

/** A card and its first version, a draft to check before publishing. Names are unique in the organisation, whatever their case. */
export async function createRateCard(options: UseCaseOptions<CreateRateCardInput>): Promise<RateCardResult> {
  requireRole(options.org, 'ADMIN', 'manage rate cards');
  const parsed = parseInput(createRateCardSchema, options.input);
  if (!parsed.ok) return refused(parsed.userErrors);
  const { name, currency, effectiveFrom, rates } = parsed.data;
  const duplicate = () => refused([userError(['input', 'name'], `a rate card named ${name} already exists`, 'DUPLICATE_NAME')]);
  await lockKeys(options.em, [`staffing:rate-card-name:${options.org.orgId}:${name.toLowerCase()}`]);
  if (await options.em.count(RateCard, { name: { $ilike: likeLiteral(name) } })) return duplicate();
  return onUniqueViolation(options.em, { rate_card_org_name_uq: duplicate }, async (em) => {
    const rateCard = em.create(RateCard, { orgId: options.org.orgId, name, currency });
    const version = em.create(RateCardVersion, { orgId: options.org.orgId, rateCardId: rateCard.id, version: 1, effectiveFrom });
    await replaceRates(em, version, rates);
    await em.flush();
    return { rateCard, version, userErrors: [] };
  });
}
