import { lockKeys, notFound, parseInput, requireRole } from '@flowledger/shared';
import type { UseCaseOptions } from '@flowledger/shared';
import { RateCard, RateCardVersion, RoleRate } from '../entities/index.ts';
import { publishRateCardVersionSchema } from '../domain/inputs.ts';
import { mayPublish } from '../domain/rate-card-rules.ts';
import { userError } from '../errors.ts';
import type { PublishRateCardVersionInput } from '../generated/resolvers-types.ts';
import { cardKey, refused } from './rate-card-result.ts';
import type { RateCardResult } from './rate-card-result.ts';

/**
 * From then on the version is immutable and is the card's rate from its effective date. Existing
 * assignments keep their snapshots: nothing here touches them.
 */
export async function publishRateCardVersion(options: UseCaseOptions<PublishRateCardVersionInput>): Promise<RateCardResult> {
  requireRole(options.org, 'ADMIN', 'manage rate cards');
  const parsed = parseInput(publishRateCardVersionSchema, options.input);
  if (!parsed.ok) return refused(parsed.userErrors);
  const version = await options.em.findOne(RateCardVersion, { id: parsed.data.versionId });
  if (!version) return refused(notFound(['input', 'versionId'], 'rate card version', parsed.data.versionId));
  await lockKeys(options.em, [cardKey(options.org.orgId, version.rateCardId)]);
  const verdict = mayPublish(version, await options.em.count(RoleRate, { versionId: version.id }));
  if (!verdict.ok) return refused([userError(['input', 'versionId'], verdict.message, verdict.code)]);
  const sameDay = () =>
    refused([userError(['input', 'versionId'], `another published version of this card takes effect on ${version.effectiveFrom}`, 'DUPLICATE_EFFECTIVE_DATE')]);
  if (await options.em.count(RateCardVersion, { rateCardId: version.rateCardId, status: 'PUBLISHED', effectiveFrom: version.effectiveFrom })) return sameDay();
  // Publishers of one card hold its lock, so the check above cannot race; the unique index stays the wall.
  version.status = 'PUBLISHED';
  version.publishedAt = options.now;
  await options.em.flush();
  return { rateCard: await options.em.findOne(RateCard, { id: version.rateCardId }), version, userErrors: [] };
}
