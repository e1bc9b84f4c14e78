import Big from 'big.js';
import { formatDecimal } from '@flowledger/shared';

/**
 * Billing's arithmetic, exact (big.js, never a float). The rule, as the README states it: every
 * line is rounded to the cent once, **half-even** (banker's rounding: 0.125 → 0.12, 0.135 → 0.14),
 * and totals are sums of rounded lines, so the lines always add up to the total a client sees.
 */
export const CENT_ROUNDING = Big.roundHalfEven;

/** An amount rounded to the cent by the billing rule, printed with two decimals. */
export function toCents(value: Big | string): string {
  return new Big(value).round(2, CENT_ROUNDING).toFixed(2);
}

/** Minutes as hours to four places (display only; amounts are computed from the minutes). */
export function hoursFromMinutes(minutes: number): string {
  return new Big(minutes).div(60).round(4, Big.roundHalfUp).toFixed(4);
}

/** Hours a client sent as minutes, or null when they are not a whole number of minutes. */
export function minutesFromHours(hours: string): number | null {
  const minutes = new Big(hours).times(60);
  return minutes.eq(minutes.round(0, Big.roundDown)) ? Number(minutes.toFixed(0)) : null;
}

/** Time at a rate: rate × minutes / 60, rounded to the cent once (an hour of 20 minutes is exact). */
export function timeAmount(minutes: number, rate: string): string {
  return toCents(new Big(rate).times(minutes).div(60));
}

/** The sum of already rounded amounts (exact; no rounding needed). */
export function sumAmounts(amounts: readonly string[]): string {
  return formatDecimal(amounts.reduce((sum, a) => sum.plus(a), new Big(0)));
}
