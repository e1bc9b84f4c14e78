import { parseInput, requireRole } from '@flowledger/shared';
import type { UseCaseOptions, UserError } from '@flowledger/shared';
import { setExchangeRateSchema } from '../domain/inputs.ts';
import { ExchangeRate } from '../entities/index.ts';
import type { SetExchangeRateInput } from '../generated/resolvers-types.ts';

export interface ExchangeRateValue {
  currency: string;
  date: string;
  rate: string;
}

/** A rate to the base currency from a day on, ADMIN only; one per currency and day (a second call replaces it, also under races). */
export async function setExchangeRate(
  options: UseCaseOptions<SetExchangeRateInput>,
): Promise<{ exchangeRate: ExchangeRateValue | null; userErrors: UserError[] }> {
  requireRole(options.org, 'ADMIN', 'set exchange rates');
  const parsed = parseInput(setExchangeRateSchema, options.input);
  if (!parsed.ok) return { exchangeRate: null, userErrors: parsed.userErrors };
  const { currency, date, rate } = parsed.data;
  await options.em.upsert(
    ExchangeRate,
    { orgId: options.org.orgId, currency, rateDate: date, rate },
    { onConflictFields: ['orgId', 'currency', 'rateDate'], onConflictAction: 'merge', onConflictExcludeFields: ['id', 'createdAt'] },
  );
  return { exchangeRate: { currency, date, rate }, userErrors: [] };
}
