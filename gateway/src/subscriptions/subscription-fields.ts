/**
 * Each subscription field of the supergraph, the event type that feeds it and the lookup query field
 * (in the subgraph that owns the events) that resolves one event. A new subscription is one line here
 * plus its type, lookup and catch-up list in the owning subgraph's SDL.
 */
export const SUBSCRIPTION_FIELDS: Record<string, { eventType: string; lookupField: string }> = {
  pursuitStageChanged: { eventType: 'PursuitStageChanged', lookupField: 'pursuitStageEvent' },
  candidateStatusChanged: { eventType: 'CandidateStatusChanged', lookupField: 'candidateStatusEvent' },
  slaStatusChanged: { eventType: 'SlaStatusChanged', lookupField: 'slaStatusEvent' },
};
