/** Money as the graph sends it (a decimal string), shown with its currency and no float rounding surprises. */
export function money(amount: string, currency: string): string {
  const value = Number(amount);
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 }).format(value);
  } catch {
    return `${Math.round(value).toLocaleString()} ${currency}`;
  }
}

/** A countdown to `dueAt` ("2h 05m left", "overdue 12m"), recomputed by the caller every second. */
export function countdown(dueAt: string, now: number): string {
  const ms = Date.parse(dueAt) - now;
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const seconds = Math.floor((Math.abs(ms) % 60_000) / 1000);
  const text = minutes >= 60 ? `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m` : `${minutes}m ${String(seconds).padStart(2, '0')}s`;
  return ms >= 0 ? `${text} left` : `overdue ${text}`;
}

export const STAGES = ['QUALIFY', 'PINK', 'RED', 'SUBMITTED', 'WON', 'LOST'] as const;
const SLA_RANK: Record<string, number> = { BREACHED: 0, AT_RISK: 1, OK: 2, MET: 3 };

/** Breached first, then at risk, then by the clock that runs out first. */
export function bySla<T extends { slaStatus?: string | null; dueAt?: string | null }>(a: T, b: T): number {
  const rank = (SLA_RANK[a.slaStatus ?? 'OK'] ?? 2) - (SLA_RANK[b.slaStatus ?? 'OK'] ?? 2);
  return rank !== 0 ? rank : (Date.parse(a.dueAt ?? '') || Infinity) - (Date.parse(b.dueAt ?? '') || Infinity);
}
