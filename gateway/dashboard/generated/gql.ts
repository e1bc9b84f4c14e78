/* eslint-disable */
import * as types from './graphql.ts';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query Board {\n  pipelineBoard {\n    columns {\n      stage\n      count\n      totals {\n        currency\n        total\n        weighted\n      }\n    }\n  }\n  pursuits(first: 200) {\n    edges {\n      node {\n        id\n        name\n        stage\n        probability\n        value {\n          amount\n          currency\n        }\n        client {\n          name\n        }\n      }\n    }\n  }\n}": typeof types.BoardDocument,
    "fragment PursuitMove on PursuitStageEvent {\n  id\n  cursor\n  from\n  to\n  pursuit {\n    id\n    name\n  }\n}\n\nfragment SlaChange on SlaStatusEvent {\n  id\n  cursor\n  kind\n  from\n  to\n  at\n  dueAt\n  candidate {\n    title\n  }\n  pursuit {\n    name\n  }\n}\n\nsubscription PursuitMoved {\n  pursuitStageChanged {\n    ...PursuitMove\n  }\n}\n\nsubscription SlaChanged {\n  slaStatusChanged {\n    ...SlaChange\n  }\n}\n\nsubscription InvoiceChanged {\n  invoiceStatusChanged {\n    id\n  }\n}\n\nquery MissedPursuitMoves($after: String) {\n  pursuitStageEvents(after: $after, first: 100) {\n    edges {\n      node {\n        ...PursuitMove\n      }\n    }\n  }\n}\n\nquery MissedSlaChanges($after: String) {\n  slaStatusEvents(after: $after, first: 100) {\n    edges {\n      node {\n        ...SlaChange\n      }\n    }\n  }\n}\n\nsubscription OverAllocated {\n  staffOverAllocated {\n    id\n  }\n}": typeof types.PursuitMoveFragmentDoc,
    "query Tiles {\n  me {\n    user {\n      name\n    }\n    organization {\n      name\n    }\n  }\n  receivables {\n    baseCurrency\n    totals {\n      current\n      total\n    }\n  }\n}\n\nquery Utilization($from: Date!, $to: Date!) {\n  utilization(from: $from, to: $to) {\n    capacityHours\n    allocatedHours\n    overAllocated\n  }\n}": typeof types.TilesDocument,
    "query Today {\n  today(filter: {everyone: true}, first: 50) {\n    reason\n    slaStatus\n    priority\n    dueAt\n    candidate {\n      id\n      title\n    }\n    pursuit {\n      id\n      name\n      stage\n      client {\n        name\n      }\n    }\n  }\n}": typeof types.TodayDocument,
};
const documents: Documents = {
    "query Board {\n  pipelineBoard {\n    columns {\n      stage\n      count\n      totals {\n        currency\n        total\n        weighted\n      }\n    }\n  }\n  pursuits(first: 200) {\n    edges {\n      node {\n        id\n        name\n        stage\n        probability\n        value {\n          amount\n          currency\n        }\n        client {\n          name\n        }\n      }\n    }\n  }\n}": types.BoardDocument,
    "fragment PursuitMove on PursuitStageEvent {\n  id\n  cursor\n  from\n  to\n  pursuit {\n    id\n    name\n  }\n}\n\nfragment SlaChange on SlaStatusEvent {\n  id\n  cursor\n  kind\n  from\n  to\n  at\n  dueAt\n  candidate {\n    title\n  }\n  pursuit {\n    name\n  }\n}\n\nsubscription PursuitMoved {\n  pursuitStageChanged {\n    ...PursuitMove\n  }\n}\n\nsubscription SlaChanged {\n  slaStatusChanged {\n    ...SlaChange\n  }\n}\n\nsubscription InvoiceChanged {\n  invoiceStatusChanged {\n    id\n  }\n}\n\nquery MissedPursuitMoves($after: String) {\n  pursuitStageEvents(after: $after, first: 100) {\n    edges {\n      node {\n        ...PursuitMove\n      }\n    }\n  }\n}\n\nquery MissedSlaChanges($after: String) {\n  slaStatusEvents(after: $after, first: 100) {\n    edges {\n      node {\n        ...SlaChange\n      }\n    }\n  }\n}\n\nsubscription OverAllocated {\n  staffOverAllocated {\n    id\n  }\n}": types.PursuitMoveFragmentDoc,
    "query Tiles {\n  me {\n    user {\n      name\n    }\n    organization {\n      name\n    }\n  }\n  receivables {\n    baseCurrency\n    totals {\n      current\n      total\n    }\n  }\n}\n\nquery Utilization($from: Date!, $to: Date!) {\n  utilization(from: $from, to: $to) {\n    capacityHours\n    allocatedHours\n    overAllocated\n  }\n}": types.TilesDocument,
    "query Today {\n  today(filter: {everyone: true}, first: 50) {\n    reason\n    slaStatus\n    priority\n    dueAt\n    candidate {\n      id\n      title\n    }\n    pursuit {\n      id\n      name\n      stage\n      client {\n        name\n      }\n    }\n  }\n}": types.TodayDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Board {\n  pipelineBoard {\n    columns {\n      stage\n      count\n      totals {\n        currency\n        total\n        weighted\n      }\n    }\n  }\n  pursuits(first: 200) {\n    edges {\n      node {\n        id\n        name\n        stage\n        probability\n        value {\n          amount\n          currency\n        }\n        client {\n          name\n        }\n      }\n    }\n  }\n}"): typeof import('./graphql.ts').BoardDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment PursuitMove on PursuitStageEvent {\n  id\n  cursor\n  from\n  to\n  pursuit {\n    id\n    name\n  }\n}\n\nfragment SlaChange on SlaStatusEvent {\n  id\n  cursor\n  kind\n  from\n  to\n  at\n  dueAt\n  candidate {\n    title\n  }\n  pursuit {\n    name\n  }\n}\n\nsubscription PursuitMoved {\n  pursuitStageChanged {\n    ...PursuitMove\n  }\n}\n\nsubscription SlaChanged {\n  slaStatusChanged {\n    ...SlaChange\n  }\n}\n\nsubscription InvoiceChanged {\n  invoiceStatusChanged {\n    id\n  }\n}\n\nquery MissedPursuitMoves($after: String) {\n  pursuitStageEvents(after: $after, first: 100) {\n    edges {\n      node {\n        ...PursuitMove\n      }\n    }\n  }\n}\n\nquery MissedSlaChanges($after: String) {\n  slaStatusEvents(after: $after, first: 100) {\n    edges {\n      node {\n        ...SlaChange\n      }\n    }\n  }\n}\n\nsubscription OverAllocated {\n  staffOverAllocated {\n    id\n  }\n}"): typeof import('./graphql.ts').PursuitMoveFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Tiles {\n  me {\n    user {\n      name\n    }\n    organization {\n      name\n    }\n  }\n  receivables {\n    baseCurrency\n    totals {\n      current\n      total\n    }\n  }\n}\n\nquery Utilization($from: Date!, $to: Date!) {\n  utilization(from: $from, to: $to) {\n    capacityHours\n    allocatedHours\n    overAllocated\n  }\n}"): typeof import('./graphql.ts').TilesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Today {\n  today(filter: {everyone: true}, first: 50) {\n    reason\n    slaStatus\n    priority\n    dueAt\n    candidate {\n      id\n      title\n    }\n    pursuit {\n      id\n      name\n      stage\n      client {\n        name\n      }\n    }\n  }\n}"): typeof import('./graphql.ts').TodayDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
