import { notFound, parseInput, requireRole } from '@flowledger/shared';
import type { UseCaseOptions } from '@flowledger/shared';
import { RateCard, RateCardVersion } from '../entities/index.ts';
import { updateRateCardVersionSchema } from '../domain/inputs.ts';
import { mayEdit } from '../domain/rate-card-rules.ts';
import { userError } from '../errors.ts';
import type { UpdateRateCardVersionInput } from '../generated/resolvers-types.ts';
import { refused, replaceRates } from './rate-card-result.ts';
import type { RateCardResult } from './rate-card-result.ts';

/** Drafts only: a published version is RATE_CARD_VERSION_PUBLISHED and stays exactly as it was. */
export async function updateRateCardVersion(options: UseCaseOptions<UpdateRateCardVersionInput>): Promise<RateCardResult> {
  requireRole(options.org, 'ADMIN', 'manage rate cards');
  const parsed = parseInput(updateRateCardVersionSchema, options.input);
  if (!parsed.ok) return refused(parsed.userErrors);
  const { versionId, effectiveFrom, rates } = parsed.data;
  const version = await options.em.findOne(RateCardVersion, { id: versionId });
  if (!version) return refused(notFound(['input', 'versionId'], 'rate card version', versionId));
  const verdict = mayEdit(version);
  if (!verdict.ok) return refused([userError(['input', 'versionId'], verdict.message, verdict.code)]);
  if (effectiveFrom) version.effectiveFrom = effectiveFrom;
  if (rates) await replaceRates(options.em, version, rates);
  await options.em.flush();
  return { rateCard: await options.em.findOne(RateCard, { id: version.rateCardId }), version, userErrors: [] };
}
