import type { DocumentNode } from 'graphql';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import type { EntitySchema, MigrationObject } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { OrgContext } from '../auth/org-context.ts';
import type { Logger } from '../log.ts';
import type { Orm } from '../db/create-orm.ts';

/** What every resolver receives: the caller, a request-scoped EntityManager inside the request's transaction, its loaders. */
export interface SubgraphContext<L = unknown> {
  org: OrgContext;
  em: EntityManager;
  loaders: L;
  log: Logger;
  maxPageSize: number;
}

/** An endpoint outside GraphQL for signed system calls from the gateway (no organisation). */
export type InternalRoute = (options: { orm: Orm; body: unknown; log: Logger }) => Promise<unknown>;

/** One subgraph, described the same way for all: the shape every subgraph package exports. */
export interface SubgraphDefinition<L = any> {
  /** The name in the supergraph and in signatures; also its environment prefix (CRM_PORT, CRM_URL). */
  name: string;
  /** The PostgreSQL schema it owns. */
  dbSchema: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<SubgraphContext<L>>;
  entities: EntitySchema<any, any>[];
  migrations: MigrationObject[];
  createLoaders(em: EntityManager, org: OrgContext): L;
  internalRoutes?: Record<string, InternalRoute>;
  /** For codegen: GraphQL type name -> the TypeScript type its resolvers receive as parent (`path#Export`). */
  typeMappers?: Record<string, string>;
}
