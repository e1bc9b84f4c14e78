/** What billing knows of a staffing assignment: its dates, what it is on, and its rate snapshot. */
export interface KnownAssignment {
  id: string;
  staffId: string;
  engagementId?: string | null;
  pursuitId?: string | null;
  role: string;
  startDate: string;
  endDate: string;
  billRate: string;
  currency: string;
}

/**
 * The assignment whose snapshot bills a person's day on an engagement: one on the engagement itself,
 * else one on the pursuit the engagement was won from (the bid team that goes on to deliver), covering
 * the day. Among several, the one on the engagement, then the latest start, wins.
 */
export function coveringAssignment(
  assignments: readonly KnownAssignment[],
  entry: { staffId: string; date: string },
  engagement: { id: string; pursuitId?: string | null },
): KnownAssignment | null {
  const covering = assignments.filter(
    (a) =>
      a.staffId === entry.staffId &&
      a.startDate <= entry.date &&
      entry.date <= a.endDate &&
      (a.engagementId === engagement.id || (engagement.pursuitId != null && a.pursuitId === engagement.pursuitId)),
  );
  covering.sort((x, y) => Number(y.engagementId === engagement.id) - Number(x.engagementId === engagement.id) || y.startDate.localeCompare(x.startDate));
  return covering[0] ?? null;
}
