import type { ServiceMetrics } from '../metrics/service-metrics.ts';
import type { DocumentNode } from 'graphql';
import type { EntitySchema, MigrationObject } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { OrgContext } from '../auth/org-context.ts';
import type { Logger } from '../log.ts';
import type { Orm } from '../db/create-orm.ts';
import type { Clock } from '../clock.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EntityReferences } from './entity-references.ts';
import type { SignedLinks } from '../signing/signed-links.ts';

/** What every resolver receives: the caller, a request-scoped EntityManager inside the request's transaction, its loaders. */
export interface SubgraphContext<L = unknown> {
  org: OrgContext;
  em: EntityManager;
  loaders: L;
  log: Logger;
  maxPageSize: number;
  /** The time of the request; injected so tests can move it. */
  clock: Clock;
  /** Checks ids of entities other subgraphs own, as the caller (see createEntityReferences). */
  references: EntityReferences;
  /** Signs links to this subgraph's public routes (an invoice's PDF). */
  links: SignedLinks;
}

/** What a subgraph's background workers (outbox relay, schedulers) are given. */
export interface WorkerContext {
  orm: Orm;
  /** The application role's URL, for workers that hold connections of their own. */
  appUrl: string;
  /**
   * The system scope's role: the only connection that may claim work across organisations (outbox
   * rows, due clocks). The application role cannot become it.
   */
  systemUrl: string;
  systemOrm: Orm;
  bus: EventBus;
  clock: Clock;
  log: Logger;
  /** For signed system calls to other subgraphs (an event consumer asking a producer's feed). */
  signingSecret: string;
  /** Where the other subgraphs are (their GraphQL URLs), looked up when a call is made. */
  subgraphUrls: Record<string, string>;
  /** The subgraph's metrics, shared with its server: a worker registers its own there. */
  metrics: ServiceMetrics;
}

export interface BackgroundWorker {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** An endpoint outside GraphQL for signed system calls from the gateway (no organisation). */
export type InternalRoute = (options: { orm: Orm; body: unknown; log: Logger }) => Promise<unknown>;

/**
 * A public route: GET (and HEAD) only, unsigned, rate limited per client address by the kit, outside
 * any organisation until what it is given (a signed link, a token) names one. The one way a subgraph
 * answers a browser directly, so that none opens a hole of its own beside the signed endpoints.
 */
export type PublicRoute = (options: {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  orm: Orm;
  log: Logger;
  links: SignedLinks;
  clock: Clock;
}) => Promise<void>;

/** One subgraph, described the same way for all: the shape every subgraph package exports. */
export interface SubgraphDefinition<L = any> {
  /** The name in the supergraph and in signatures; also its environment prefix (CRM_PORT, CRM_URL). */
  name: string;
  /** The PostgreSQL schema it owns. */
  dbSchema: string;
  typeDefs: DocumentNode;
  /**
   * The subgraph's resolver map, typed where it is written by its generated `Resolvers<Context>`
   * (so a wrong argument or return type fails the type check there); the kit hands it to
   * buildSubgraphSchema, which only knows an untyped map.
   */
  resolvers: object;
  /** Every code its mutations can return in `userErrors` (its `src/errors.ts`); the README's table lists them. */
  userErrorCodes: readonly string[];
  entities: EntitySchema<any, any>[];
  migrations: MigrationObject[];
  createLoaders(em: EntityManager, org: OrgContext): L;
  internalRoutes?: Record<string, InternalRoute>;
  /** Public routes by path prefix (`/invoices/`); see PublicRoute. */
  publicRoutes?: Record<string, PublicRoute>;
  /** Requests per minute and client address its public routes take (default 600). */
  publicRateLimitPerMinute?: number;
  /** Workers that run beside the server in the subgraph's process. */
  workers?: (context: WorkerContext) => BackgroundWorker[];
  /** For codegen: GraphQL type name -> the TypeScript type its resolvers receive as parent (`path#Export`). */
  typeMappers?: Record<string, string>;
}
