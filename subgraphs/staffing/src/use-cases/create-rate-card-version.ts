import { lockKeys, notFound, parseInput, requireRole } from '@flowledger/shared';
import type { UseCaseOptions } from '@flowledger/shared';
import { RateCard, RateCardVersion, RoleRate } from '../entities/index.ts';
import { createRateCardVersionSchema } from '../domain/inputs.ts';
import type { CreateRateCardVersionInput } from '../generated/resolvers-types.ts';
import { cardKey, refused, replaceRates } from './rate-card-result.ts';
import type { RateCardResult } from './rate-card-result.ts';

/** The way to change published rates: a new draft, numbered after the last, with the latest version's rates unless given. */
export async function createRateCardVersion(options: UseCaseOptions<CreateRateCardVersionInput>): Promise<RateCardResult> {
  requireRole(options.org, 'ADMIN', 'manage rate cards');
  const parsed = parseInput(createRateCardVersionSchema, options.input);
  if (!parsed.ok) return refused(parsed.userErrors);
  const { rateCardId, effectiveFrom, rates } = parsed.data;
  const rateCard = await options.em.findOne(RateCard, { id: rateCardId });
  if (!rateCard) return refused(notFound(['input', 'rateCardId'], 'rate card', rateCardId));
  await lockKeys(options.em, [cardKey(options.org.orgId, rateCard.id)]);
  const latest = await options.em.findOne(RateCardVersion, { rateCardId }, { orderBy: { version: 'desc' } });
  const copied =
    rates ?? (latest ? (await options.em.find(RoleRate, { versionId: latest.id })).map(({ role, billRate, costRate }) => ({ role, billRate, costRate })) : []);
  const version = options.em.create(RateCardVersion, { orgId: options.org.orgId, rateCardId, version: (latest?.version ?? 0) + 1, effectiveFrom });
  await replaceRates(options.em, version, copied);
  await options.em.flush();
  return { rateCard, version, userErrors: [] };
}
