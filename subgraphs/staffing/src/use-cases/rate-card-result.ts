import type { EntityManager } from '@mikro-orm/postgresql';
import type { UserError } from '@flowledger/shared';
import { RoleRate } from '../entities/index.ts';
import type { RateCardRow, RateCardVersionRow } from '../entities/index.ts';

export interface RateCardResult {
  rateCard: RateCardRow | null;
  version: RateCardVersionRow | null;
  userErrors: UserError[];
}

export const refused = (userErrors: UserError[]): RateCardResult => ({ rateCard: null, version: null, userErrors });

/** A draft's rates, replaced whole (the published ones are frozen; a trigger says so again). */
export async function replaceRates(em: EntityManager, version: RateCardVersionRow, rates: readonly { role: string; billRate: string; costRate: string }[]) {
  await em.nativeDelete(RoleRate, { versionId: version.id });
  for (const rate of rates) em.create(RoleRate, { orgId: version.orgId, versionId: version.id, ...rate });
}

export const cardKey = (orgId: string, rateCardId: string) => `staffing:rate-card:${orgId}:${rateCardId}`;
