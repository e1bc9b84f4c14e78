import Big from 'big.js';

/**
 * Exact decimal arithmetic through big.js, once for every subgraph: money is never a float. What a client may send is bounded
 * by the columns that store it (16 integer digits, up to 4 fraction digits); sums of many amounts
 * may be longer and are printed whole.
 */
const INPUT_RE = /^-?\d{1,16}(\.\d{1,4})?$/;
const OUTPUT_RE = /^-?\d+(\.\d+)?$/;

/** A decimal a client may send: fits the numeric columns. */
export function isDecimal(value: string): boolean {
  return INPUT_RE.test(value);
}

/** A decimal the graph may answer: any length (a board's total of many large pursuits). */
export function isDecimalResult(value: string): boolean {
  return OUTPUT_RE.test(value);
}

/** Printed with trailing zeros dropped, but at least `minDecimals` fraction digits. */
export function formatDecimal(value: Big | string, minDecimals = 2): string {
  const fixed = new Big(value).toFixed(Math.max(minDecimals, 20));
  const [whole, fraction = ''] = fixed.split('.');
  const trimmed = fraction.replace(/0+$/, '').padEnd(minDecimals, '0');
  return trimmed ? `${whole}.${trimmed}` : whole!;
}

/** Sum of amounts and of amounts × probability% — both exact. */
export function totals(rows: { amount: string; probability: number }[]): { total: string; weighted: string } {
  let total = new Big(0);
  let weighted = new Big(0);
  for (const row of rows) {
    total = total.plus(row.amount);
    weighted = weighted.plus(new Big(row.amount).times(row.probability).div(100));
  }
  return { total: formatDecimal(total), weighted: formatDecimal(weighted) };
}
