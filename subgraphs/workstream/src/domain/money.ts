/**
 * Exact decimal arithmetic on strings through BigInt: money is never a float. Amounts carry up to
 * `scale` fraction digits; results are printed with at least two.
 */
const DECIMAL_RE = /^-?\d{1,16}(\.\d{1,4})?$/;

export function isDecimal(value: string): boolean {
  return DECIMAL_RE.test(value);
}

/** The value in units of 10^-scale. */
export function toUnits(value: string, scale = 4): bigint {
  if (!isDecimal(value)) throw new Error(`not a decimal: ${JSON.stringify(value)}`);
  const negative = value.startsWith('-');
  const [whole, fraction = ''] = value.replace('-', '').split('.');
  const units = BigInt(whole!) * 10n ** BigInt(scale) + BigInt((fraction + '0'.repeat(scale)).slice(0, scale) || '0');
  return negative ? -units : units;
}

export function fromUnits(units: bigint, scale = 4): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const base = 10n ** BigInt(scale);
  let fraction = (abs % base).toString().padStart(scale, '0').replace(/0+$/, '');
  if (fraction.length < 2) fraction = fraction.padEnd(2, '0');
  return `${negative ? '-' : ''}${abs / base}.${fraction}`;
}

/** Sum of amounts and of amounts × probability% — both exact. */
export function totals(rows: { amount: string; probability: number }[]): { total: string; weighted: string } {
  let total = 0n;
  let weightedTimes100 = 0n;
  for (const row of rows) {
    const units = toUnits(row.amount);
    total += units;
    weightedTimes100 += units * BigInt(row.probability);
  }
  // amount (scale 4) × percent / 100 stays exact at scale 6.
  return { total: fromUnits(total), weighted: fromUnits(weightedTimes100, 6) };
}
