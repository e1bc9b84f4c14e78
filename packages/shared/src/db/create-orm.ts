import { MikroORM } from '@mikro-orm/postgresql';
import type { EntitySchema } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import type { MigrationObject } from '@mikro-orm/core';
import { CountingLogger } from './query-counter.ts';
import type pg from 'pg';
import { releaseBrokenConnections } from './resilient-pg.ts';
import { sendBeginWithScope } from './begin-with-scope.ts';
import { nameStatements } from './named-statements.ts';
import { traceStatements } from '../telemetry/traced-statements.ts';

export type Orm = MikroORM;

export interface CreateOrmOptions {
  /** Names the ORM in the query counter and the logs: the subgraph's name. */
  name: string;
  url: string;
  /** The Postgres schema this subgraph owns. */
  schema: string;
  entities: EntitySchema<any, any>[];
  migrations?: MigrationObject[];
  poolMax?: number;
  printQueries?: boolean;
}

/** Each ORM's pg pool (created by the driver, reachable only from its creation hook): for the pool metrics. */
const pools = new WeakMap<Orm, { pool: pg.Pool | null }>();

/** The pool of an ORM made by createOrm, once it has opened one. */
export function ormPool(orm: Orm): pg.Pool | null {
  return pools.get(orm)?.pool ?? null;
}

export async function createOrm(options: CreateOrmOptions): Promise<Orm> {
  const holder: { pool: pg.Pool | null } = { pool: null };
  const orm = await MikroORM.init({
    clientUrl: options.url,
    schema: options.schema,
    entities: options.entities,
    extensions: [Migrator],
    pool: { min: 0, max: options.poolMax ?? 10 },
    // A connection terminated mid-transaction must not keep its pool slot (see releaseBrokenConnections);
    // each connection sends a transaction's begin and its scope in one round trip (sendBeginWithScope)
    // and its parameterised statements as prepared ones (nameStatements).
    driverOptions: {
      onPoolCreated: (pool: pg.Pool) => {
        holder.pool = pool;
        releaseBrokenConnections(pool);
        pool.on('connect', (client) => {
          nameStatements(client);
          sendBeginWithScope(client);
          // Outermost, so a statement's span covers the whole round trip (its scope's begin included).
          traceStatements(client, options.name.split(':')[0]!);
        });
      },
    },
    allowGlobalContext: false,
    debug: ['query'],
    loggerFactory: (loggerOptions) => new CountingLogger(loggerOptions, options.name, options.printQueries ?? false),
    migrations: {
      tableName: 'mikro_orm_migrations',
      schema: options.schema,
      migrationsList: options.migrations ?? [],
      snapshot: false,
      snapshotOnMigrate: false,
      silent: true,
      transactional: true,
      allOrNothing: true,
    },
    discovery: { warnWhenNoEntities: false },
  });
  pools.set(orm, holder);
  return orm;
}
