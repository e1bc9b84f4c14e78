/** What travels on the bus: ids and the changed facts, never whole objects. */
export interface EventEnvelope<P = Record<string, unknown>> {
  /** The outbox row's id (UUIDv7): consumers drop ids they have already handled. */
  id: string;
  /** Where the event stands in its subgraph's stream: the cursor of the catch-up lists. */
  position: string;
  orgId: string;
  /** The subgraph that wrote it. */
  source: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
  /** Per aggregate, 1, 2, 3 …: consumers order by it and spot gaps. */
  seq: number;
  occurredAt: string;
  payload: P;
}
