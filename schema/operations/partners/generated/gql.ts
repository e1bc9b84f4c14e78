/* eslint-disable */
import * as types from './graphql.ts';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

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
    "mutation CreateSignal($input: CreateSignalInput!) {\n  createSignal(input: $input) {\n    signal {\n      id\n      summary\n    }\n    candidate {\n      id\n    }\n    duplicate\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}": typeof types.CreateSignalDocument,
    "query ListClients($first: Int, $after: String) {\n  clients(first: $first, after: $after) {\n    edges {\n      node {\n        id\n        name\n        domain\n        status\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.ListClientsDocument,
    "subscription PursuitStageChanges {\n  pursuitStageChanged {\n    id\n    from\n    to\n    pursuit {\n      id\n      name\n    }\n  }\n}": typeof types.PursuitStageChangesDocument,
    "query PursuitWithClient($id: ID!) {\n  pursuit(id: $id) {\n    id\n    name\n    stage\n    value {\n      amount\n      currency\n    }\n    client {\n      id\n      name\n    }\n  }\n}": typeof types.PursuitWithClientDocument,
};
const documents: Documents = {
    "mutation CreateSignal($input: CreateSignalInput!) {\n  createSignal(input: $input) {\n    signal {\n      id\n      summary\n    }\n    candidate {\n      id\n    }\n    duplicate\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}": types.CreateSignalDocument,
    "query ListClients($first: Int, $after: String) {\n  clients(first: $first, after: $after) {\n    edges {\n      node {\n        id\n        name\n        domain\n        status\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.ListClientsDocument,
    "subscription PursuitStageChanges {\n  pursuitStageChanged {\n    id\n    from\n    to\n    pursuit {\n      id\n      name\n    }\n  }\n}": types.PursuitStageChangesDocument,
    "query PursuitWithClient($id: ID!) {\n  pursuit(id: $id) {\n    id\n    name\n    stage\n    value {\n      amount\n      currency\n    }\n    client {\n      id\n      name\n    }\n  }\n}": types.PursuitWithClientDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateSignal($input: CreateSignalInput!) {\n  createSignal(input: $input) {\n    signal {\n      id\n      summary\n    }\n    candidate {\n      id\n    }\n    duplicate\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}"): (typeof documents)["mutation CreateSignal($input: CreateSignalInput!) {\n  createSignal(input: $input) {\n    signal {\n      id\n      summary\n    }\n    candidate {\n      id\n    }\n    duplicate\n    userErrors {\n      field\n      message\n      code\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ListClients($first: Int, $after: String) {\n  clients(first: $first, after: $after) {\n    edges {\n      node {\n        id\n        name\n        domain\n        status\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query ListClients($first: Int, $after: String) {\n  clients(first: $first, after: $after) {\n    edges {\n      node {\n        id\n        name\n        domain\n        status\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription PursuitStageChanges {\n  pursuitStageChanged {\n    id\n    from\n    to\n    pursuit {\n      id\n      name\n    }\n  }\n}"): (typeof documents)["subscription PursuitStageChanges {\n  pursuitStageChanged {\n    id\n    from\n    to\n    pursuit {\n      id\n      name\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PursuitWithClient($id: ID!) {\n  pursuit(id: $id) {\n    id\n    name\n    stage\n    value {\n      amount\n      currency\n    }\n    client {\n      id\n      name\n    }\n  }\n}"): (typeof documents)["query PursuitWithClient($id: ID!) {\n  pursuit(id: $id) {\n    id\n    name\n    stage\n    value {\n      amount\n      currency\n    }\n    client {\n      id\n      name\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;