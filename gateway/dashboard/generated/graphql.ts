/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type Priority =
  | 'HIGH'
  | 'LOW'
  | 'MEDIUM'
  | 'URGENT';

export type PursuitStage =
  | 'LOST'
  | 'PINK'
  | 'QUALIFY'
  | 'RED'
  | 'SUBMITTED'
  | 'WON';

export type SlaKind =
  | 'PROPOSAL'
  | 'RESPONSE'
  | 'TRIAGE';

export type SlaStatus =
  | 'AT_RISK'
  | 'BREACHED'
  | 'MET'
  | 'OK';

export type BoardQueryVariables = Exact<{ [key: string]: never; }>;


export type BoardQuery = { pipelineBoard: { columns: Array<{ stage: PursuitStage, count: number, totals: Array<{ currency: string, total: string, weighted: string }> }> } | null, pursuits: { edges: Array<{ node: { id: string, name: string, stage: PursuitStage, probability: number, value: { amount: string, currency: string } | null, client: { name: string } | null } }> } | null };

export type PursuitMoveFragment = { id: string, cursor: string, from: PursuitStage | null, to: PursuitStage, pursuit: { id: string, name: string } };

export type SlaChangeFragment = { id: string, cursor: string, kind: SlaKind, from: SlaStatus | null, to: SlaStatus, at: string, dueAt: string, candidate: { title: string } | null, pursuit: { name: string } | null };

export type PursuitMovedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type PursuitMovedSubscription = { pursuitStageChanged: { id: string, cursor: string, from: PursuitStage | null, to: PursuitStage, pursuit: { id: string, name: string } } };

export type SlaChangedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type SlaChangedSubscription = { slaStatusChanged: { id: string, cursor: string, kind: SlaKind, from: SlaStatus | null, to: SlaStatus, at: string, dueAt: string, candidate: { title: string } | null, pursuit: { name: string } | null } };

export type InvoiceChangedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type InvoiceChangedSubscription = { invoiceStatusChanged: { id: string } };

export type MissedPursuitMovesQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type MissedPursuitMovesQuery = { pursuitStageEvents: { edges: Array<{ node: { id: string, cursor: string, from: PursuitStage | null, to: PursuitStage, pursuit: { id: string, name: string } } }> } | null };

export type MissedSlaChangesQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type MissedSlaChangesQuery = { slaStatusEvents: { edges: Array<{ node: { id: string, cursor: string, kind: SlaKind, from: SlaStatus | null, to: SlaStatus, at: string, dueAt: string, candidate: { title: string } | null, pursuit: { name: string } | null } }> } | null };

export type OverAllocatedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type OverAllocatedSubscription = { staffOverAllocated: { id: string } };

export type TilesQueryVariables = Exact<{ [key: string]: never; }>;


export type TilesQuery = { me: { user: { name: string }, organization: { name: string } } | null, receivables: { baseCurrency: string, totals: { current: string, total: string } } };

export type UtilizationQueryVariables = Exact<{
  from: string;
  to: string;
}>;


export type UtilizationQuery = { utilization: Array<{ capacityHours: string, allocatedHours: string, overAllocated: boolean }> | null };

export type TodayQueryVariables = Exact<{ [key: string]: never; }>;


export type TodayQuery = { today: Array<{ reason: string, slaStatus: SlaStatus | null, priority: Priority, dueAt: string | null, candidate: { id: string, title: string } | null, pursuit: { id: string, name: string, stage: PursuitStage, client: { name: string } | null } | null }> | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const PursuitMoveFragmentDoc = new TypedDocumentString(`
    fragment PursuitMove on PursuitStageEvent {
  id
  cursor
  from
  to
  pursuit {
    id
    name
  }
}
    `, {"fragmentName":"PursuitMove"}) as unknown as TypedDocumentString<PursuitMoveFragment, unknown>;
export const SlaChangeFragmentDoc = new TypedDocumentString(`
    fragment SlaChange on SlaStatusEvent {
  id
  cursor
  kind
  from
  to
  at
  dueAt
  candidate {
    title
  }
  pursuit {
    name
  }
}
    `, {"fragmentName":"SlaChange"}) as unknown as TypedDocumentString<SlaChangeFragment, unknown>;
export const BoardDocument = new TypedDocumentString(`
    query Board {
  pipelineBoard {
    columns {
      stage
      count
      totals {
        currency
        total
        weighted
      }
    }
  }
  pursuits(first: 200) {
    edges {
      node {
        id
        name
        stage
        probability
        value {
          amount
          currency
        }
        client {
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<BoardQuery, BoardQueryVariables>;
export const PursuitMovedDocument = new TypedDocumentString(`
    subscription PursuitMoved {
  pursuitStageChanged {
    ...PursuitMove
  }
}
    fragment PursuitMove on PursuitStageEvent {
  id
  cursor
  from
  to
  pursuit {
    id
    name
  }
}`) as unknown as TypedDocumentString<PursuitMovedSubscription, PursuitMovedSubscriptionVariables>;
export const SlaChangedDocument = new TypedDocumentString(`
    subscription SlaChanged {
  slaStatusChanged {
    ...SlaChange
  }
}
    fragment SlaChange on SlaStatusEvent {
  id
  cursor
  kind
  from
  to
  at
  dueAt
  candidate {
    title
  }
  pursuit {
    name
  }
}`) as unknown as TypedDocumentString<SlaChangedSubscription, SlaChangedSubscriptionVariables>;
export const InvoiceChangedDocument = new TypedDocumentString(`
    subscription InvoiceChanged {
  invoiceStatusChanged {
    id
  }
}
    `) as unknown as TypedDocumentString<InvoiceChangedSubscription, InvoiceChangedSubscriptionVariables>;
export const MissedPursuitMovesDocument = new TypedDocumentString(`
    query MissedPursuitMoves($after: String) {
  pursuitStageEvents(after: $after, first: 100) {
    edges {
      node {
        ...PursuitMove
      }
    }
  }
}
    fragment PursuitMove on PursuitStageEvent {
  id
  cursor
  from
  to
  pursuit {
    id
    name
  }
}`) as unknown as TypedDocumentString<MissedPursuitMovesQuery, MissedPursuitMovesQueryVariables>;
export const MissedSlaChangesDocument = new TypedDocumentString(`
    query MissedSlaChanges($after: String) {
  slaStatusEvents(after: $after, first: 100) {
    edges {
      node {
        ...SlaChange
      }
    }
  }
}
    fragment SlaChange on SlaStatusEvent {
  id
  cursor
  kind
  from
  to
  at
  dueAt
  candidate {
    title
  }
  pursuit {
    name
  }
}`) as unknown as TypedDocumentString<MissedSlaChangesQuery, MissedSlaChangesQueryVariables>;
export const OverAllocatedDocument = new TypedDocumentString(`
    subscription OverAllocated {
  staffOverAllocated {
    id
  }
}
    `) as unknown as TypedDocumentString<OverAllocatedSubscription, OverAllocatedSubscriptionVariables>;
export const TilesDocument = new TypedDocumentString(`
    query Tiles {
  me {
    user {
      name
    }
    organization {
      name
    }
  }
  receivables {
    baseCurrency
    totals {
      current
      total
    }
  }
}
    `) as unknown as TypedDocumentString<TilesQuery, TilesQueryVariables>;
export const UtilizationDocument = new TypedDocumentString(`
    query Utilization($from: Date!, $to: Date!) {
  utilization(from: $from, to: $to) {
    capacityHours
    allocatedHours
    overAllocated
  }
}
    `) as unknown as TypedDocumentString<UtilizationQuery, UtilizationQueryVariables>;
export const TodayDocument = new TypedDocumentString(`
    query Today {
  today(filter: {everyone: true}, first: 50) {
    reason
    slaStatus
    priority
    dueAt
    candidate {
      id
      title
    }
    pursuit {
      id
      name
      stage
      client {
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TodayQuery, TodayQueryVariables>;