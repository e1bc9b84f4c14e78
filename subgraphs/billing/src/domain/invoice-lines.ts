import Big from 'big.js';
import { CENT_ROUNDING, hoursFromMinutes, sumAmounts, timeAmount, toCents } from './money-rules.ts';

export interface BillableTime {
  id: string;
  staffId: string;
  role: string;
  billRate: string;
  minutes: number;
}

export interface BillableMilestone {
  id: string;
  name: string;
  amount: string;
  dueDate: string;
}

export interface Tax {
  /** Percent, up to four decimals (19, 8.875). */
  rate: string;
  /** Whether prices already include the tax. */
  inclusive: boolean;
}

export interface DraftLine {
  kind: 'TIME' | 'MILESTONE';
  description: string;
  quantity: string;
  unitPrice: string;
  netAmount: string;
  taxAmount: string;
  totalAmount: string;
  staffId: string | null;
  role: string | null;
  milestoneId: string | null;
  timeEntryIds: string[];
}

/**
 * A line's tax, by the rule the README states: per line, half-even to the cent. Exclusive: tax =
 * net × rate, total = net + tax. Inclusive: the priced amount is the total; net = total ÷ (1 + rate),
 * rounded, and the tax is what is left, so net + tax is exactly the priced amount.
 */
export function taxLine(amount: string, tax: Tax): { net: string; tax: string; total: string } {
  const rate = new Big(tax.rate).div(100);
  if (!tax.inclusive) {
    const taxAmount = toCents(new Big(amount).times(rate));
    return { net: toCents(amount), tax: taxAmount, total: new Big(amount).plus(taxAmount).toFixed(2) };
  }
  const net = new Big(amount).div(rate.plus(1)).round(2, CENT_ROUNDING);
  return { net: net.toFixed(2), tax: new Big(amount).minus(net).toFixed(2), total: toCents(amount) };
}

/**
 * The lines of a draft: approved time grouped by person, role and rate (hours × rate rounded once
 * per line), then due milestones by due date; each line taxed by `taxLine`. `names` labels people.
 */
export function draftLines(time: BillableTime[], milestones: BillableMilestone[], tax: Tax, names: (staffId: string) => string): DraftLine[] {
  const groups = new Map<string, BillableTime[]>();
  for (const entry of time) {
    const key = `${entry.staffId}\n${entry.role}\n${new Big(entry.billRate).toFixed(4)}`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  const lines: DraftLine[] = [];
  for (const entries of groups.values()) {
    const { staffId, role, billRate } = entries[0]!;
    const minutes = entries.reduce((sum, e) => sum + e.minutes, 0);
    const taxed = taxLine(timeAmount(minutes, billRate), tax);
    lines.push({
      kind: 'TIME',
      description: `${names(staffId)} — ${role}`,
      quantity: hoursFromMinutes(minutes),
      unitPrice: new Big(billRate).toFixed(4),
      netAmount: taxed.net,
      taxAmount: taxed.tax,
      totalAmount: taxed.total,
      staffId,
      role,
      milestoneId: null,
      timeEntryIds: entries.map((e) => e.id),
    });
  }
  lines.sort((a, b) => a.description.localeCompare(b.description));
  for (const milestone of [...milestones].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id))) {
    const taxed = taxLine(milestone.amount, tax);
    lines.push({
      kind: 'MILESTONE',
      description: milestone.name,
      quantity: '1.0000',
      unitPrice: new Big(milestone.amount).toFixed(4),
      netAmount: taxed.net,
      taxAmount: taxed.tax,
      totalAmount: taxed.total,
      staffId: null,
      role: null,
      milestoneId: milestone.id,
      timeEntryIds: [],
    });
  }
  return lines;
}

/** An invoice's totals: sums of its rounded lines (no rounding of its own). */
export function invoiceTotals(lines: Pick<DraftLine, 'netAmount' | 'taxAmount' | 'totalAmount'>[]) {
  const two = (v: string) => new Big(v).toFixed(2);
  return {
    subtotal: two(sumAmounts(lines.map((l) => l.netAmount))),
    taxTotal: two(sumAmounts(lines.map((l) => l.taxAmount))),
    total: two(sumAmounts(lines.map((l) => l.totalAmount))),
  };
}
