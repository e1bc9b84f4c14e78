/** An entity another subgraph resolves: only its key is known here. */
export interface EntityReference {
  id: string;
}
