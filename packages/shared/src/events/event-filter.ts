/**
 * Whether an event's facts pass a subscriber's filter. The same rules serve the live subscriptions
 * (checked at the gateway before any resolution) and the catch-up lists, so a reconnecting client
 * sees exactly what it would have been sent.
 */
export interface EventFilter {
  stages?: readonly string[] | null;
  statuses?: readonly string[] | null;
  kinds?: readonly string[] | null;
  clientId?: string | null;
  ownerId?: string | null;
  assigneeId?: string | null;
}

export function passesFilter(filter: EventFilter | null | undefined, facts: Record<string, unknown>): boolean {
  if (!filter) return true;
  const oneOf = (allowed: readonly string[] | null | undefined, value: unknown) => !allowed?.length || allowed.includes(String(value));
  const equals = (wanted: string | null | undefined, value: unknown) => !wanted || wanted === value;
  return (
    oneOf(filter.stages, facts.to) &&
    oneOf(filter.statuses, facts.to) &&
    oneOf(filter.kinds, facts.kind) &&
    equals(filter.clientId, facts.clientId) &&
    equals(filter.ownerId, facts.ownerId) &&
    equals(filter.assigneeId, facts.assigneeId)
  );
}
