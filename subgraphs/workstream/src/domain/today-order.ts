import type { Priority } from './candidate-status.ts';
import type { SlaStatus } from './sla.ts';

export interface TodayEntry {
  slaStatus: SlaStatus | null;
  priority: Priority;
  dueAt: Date | null;
  /** Final tiebreak, so the order is stable. */
  id: string;
}

const SLA_RANK: Record<string, number> = { BREACHED: 0, AT_RISK: 1 };
const PRIORITY_RANK: Record<Priority, number> = { URGENT: 0, HIGH: 1, MEDIUM: 2, LOW: 3 };

/** BREACHED, then AT_RISK, then the rest; within each by priority, then by due time (none last), then id. */
export function compareToday(a: TodayEntry, b: TodayEntry): number {
  const sla = (SLA_RANK[a.slaStatus ?? ''] ?? 2) - (SLA_RANK[b.slaStatus ?? ''] ?? 2);
  if (sla) return sla;
  const priority = PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority];
  if (priority) return priority;
  const due = (a.dueAt?.getTime() ?? Number.POSITIVE_INFINITY) - (b.dueAt?.getTime() ?? Number.POSITIVE_INFINITY);
  if (due) return due;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
