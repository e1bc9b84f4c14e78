import type pg from 'pg';
import { withPgClient } from './resilient-pg.ts';

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Work on cluster-wide roles, as the owner, one creator at a time: roles belong to the cluster, not
 * a database, and test workers bootstrapping their copies race. The lock ends with the connection.
 */
export function withRoleLock<T>(ownerUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  return withPgClient(ownerUrl, async (client) => {
    await client.query(`select pg_advisory_lock(hashtext('flowledger:app-role'))`);
    return work(client);
  });
}
