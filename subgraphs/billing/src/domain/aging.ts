import Big from 'big.js';
import { daysFrom } from './dates.ts';
import { toCents } from './money-rules.ts';

export const AGING_BUCKETS = ['CURRENT', 'DAYS_1_30', 'DAYS_31_60', 'DAYS_61_90', 'DAYS_OVER_90'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

/** Days past the due date: not yet due (or due today) is current; then 1–30, 31–60, 61–90, over 90. */
export function agingBucket(dueDate: string, today: string): AgingBucket {
  const late = daysFrom(dueDate, today);
  if (late <= 0) return 'CURRENT';
  if (late <= 30) return 'DAYS_1_30';
  if (late <= 60) return 'DAYS_31_60';
  if (late <= 90) return 'DAYS_61_90';
  return 'DAYS_OVER_90';
}

/** An amount in the invoice's currency at the rate stored at issue, in the base currency, to the cent (half-even). */
export function inBaseCurrency(amount: string, exchangeRate: string): string {
  return toCents(new Big(amount).times(exchangeRate));
}
