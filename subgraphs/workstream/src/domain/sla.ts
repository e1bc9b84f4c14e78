export const SLA_KINDS = ['TRIAGE', 'PROPOSAL', 'RESPONSE'] as const;
export type SlaKind = (typeof SLA_KINDS)[number];
export type SlaStatus = 'OK' | 'AT_RISK' | 'BREACHED' | 'MET';

export interface SlaRule {
  hours: number;
  warnFraction: number;
}

/** Used when an organisation has not set a rule of its own. */
export const DEFAULT_SLA_RULES: Record<SlaKind, SlaRule> = {
  TRIAGE: { hours: 24, warnFraction: 0.8 },
  PROPOSAL: { hours: 120, warnFraction: 0.8 },
  RESPONSE: { hours: 72, warnFraction: 0.8 },
};

export interface ClockTimes {
  startedAt: Date;
  warnAt: Date;
  dueAt: Date;
}

/** A clock's warn and due times for a rule, from its start. */
export function clockTimes(startedAt: Date, rule: SlaRule): ClockTimes {
  const windowMs = rule.hours * 3_600_000;
  return { startedAt, warnAt: new Date(startedAt.getTime() + windowMs * rule.warnFraction), dueAt: new Date(startedAt.getTime() + windowMs) };
}

/** Where a running clock stands at `now`. */
export function statusAt(times: Pick<ClockTimes, 'warnAt' | 'dueAt'>, now: Date): Exclude<SlaStatus, 'MET'> {
  if (now.getTime() >= times.dueAt.getTime()) return 'BREACHED';
  if (now.getTime() >= times.warnAt.getTime()) return 'AT_RISK';
  return 'OK';
}

/** When a clock in `status` must be looked at again; null when time alone cannot change it. */
export function nextCheckAt(times: Pick<ClockTimes, 'warnAt' | 'dueAt'>, status: SlaStatus): Date | null {
  if (status === 'OK') return times.warnAt;
  if (status === 'AT_RISK') return times.dueAt;
  return null;
}
