import { createHash } from 'node:crypto';
import { SYSTEM_SCOPE_ROLE } from './system-role.ts';
import { withPgClient } from './resilient-pg.ts';
import { quoteIdent, withRoleLock } from './role-lock.ts';

export const DEFAULT_APP_ROLE = 'flowledger_app';

/**
 * Creates (idempotently, under an advisory lock: roles are cluster-wide and test workers race)
 * the role the application connects as: it owns nothing, is no superuser and cannot bypass RLS.
 * Its password is derived from the owner's credentials, so it is stable per cluster and unknown without them.
 * Returns the application's connection URL.
 */
export async function ensureAppRole(ownerUrl: string, role: string = DEFAULT_APP_ROLE): Promise<string> {
  const owner = new URL(ownerUrl);
  // Per cluster, not per database: every database of the cluster (test copies too) shares the role.
  const password = createHash('sha256').update(`flowledger-app-role:${owner.username}:${owner.password}@${owner.host}`).digest('base64url');
  await withRoleLock(ownerUrl, async (client) => {
    const { rowCount } = await client.query('select 1 from pg_roles where rolname = $1', [role]);
    const verb = rowCount ? 'alter' : 'create';
    await client.query(`${verb} role ${quoteIdent(role)} with login nosuperuser nobypassrls nocreatedb nocreaterole password '${password}'`);
  });
  const url = new URL(ownerUrl);
  url.username = role;
  url.password = password;
  return url.toString();
}

/**
 * Makes sure the role of a given APP_DATABASE_URL exists (created with that URL's password when it
 * does not; an existing role is left as its operator set it up).
 */
export async function ensureGivenAppRole(ownerUrl: string, appUrl: string): Promise<void> {
  const app = new URL(appUrl);
  const role = decodeURIComponent(app.username);
  await withRoleLock(ownerUrl, async (client) => {
    const { rowCount } = await client.query('select 1 from pg_roles where rolname = $1', [role]);
    if (!rowCount) {
      const password = decodeURIComponent(app.password).replaceAll("'", "''");
      await client.query(`create role ${quoteIdent(role)} with login nosuperuser nobypassrls nocreatedb nocreaterole password '${password}'`);
    }
  });
}

/** Lets the application role use the tables of the given schemas (run after migrations). */
export async function grantAppRole(ownerUrl: string, appUrl: string, schemas: string[]): Promise<void> {
  const role = quoteIdent(decodeURIComponent(new URL(appUrl).username));
  await withPgClient(ownerUrl, async (client) => {
    for (const schema of schemas) {
      const s = quoteIdent(schema);
      await client.query(`grant usage on schema ${s} to ${role}`);
      await client.query(`grant select, insert, update, delete on all tables in schema ${s} to ${role}`);
      await client.query(`grant usage, select on all sequences in schema ${s} to ${role}`);
    }
  });
}

export class UnsafeDatabaseRoleError extends Error {
  constructor(role: string, reason: string) {
    super(`Refusing to start: the application connects as "${role}", which ${reason}. Use a role without superuser and BYPASSRLS (APP_DATABASE_URL).`);
    this.name = 'UnsafeDatabaseRoleError';
  }
}

/** Row-level security means nothing to a superuser or a BYPASSRLS role, so the application refuses both. */
export async function assertSafeAppRole(appUrl: string, options: { system?: boolean } = {}): Promise<void> {
  await withPgClient(appUrl, async (client) => {
    const { rows } = await client.query<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean; system: boolean }>(
      `select rolname, rolsuper, rolbypassrls,
              exists (select 1 from pg_roles s where s.rolname = $1 and pg_has_role(current_user, s.oid, 'member')) as system
       from pg_roles where rolname = current_user`,
      [SYSTEM_SCOPE_ROLE],
    );
    const role = rows[0];
    if (!role) throw new UnsafeDatabaseRoleError('unknown', 'could not be inspected');
    if (role.rolsuper) throw new UnsafeDatabaseRoleError(role.rolname, 'is a superuser');
    if (role.rolbypassrls) throw new UnsafeDatabaseRoleError(role.rolname, 'has BYPASSRLS');
    if (role.system && !options.system) throw new UnsafeDatabaseRoleError(role.rolname, `is a member of ${SYSTEM_SCOPE_ROLE} (the system scope's role)`);
  });
}
