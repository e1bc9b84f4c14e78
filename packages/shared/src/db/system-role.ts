import { createHash } from 'node:crypto';
import { quoteIdent, withRoleLock } from './role-lock.ts';

/**
 * The group role the system-scope policies are written for (NOLOGIN: nobody connects as it). Only
 * the system login role is a member; the application role never is, so no setting its connection
 * may change (app.system included) can widen what an application connection sees.
 */
export const SYSTEM_SCOPE_ROLE = 'flowledger_system_scope';
export const DEFAULT_SYSTEM_ROLE = 'flowledger_system';

/** Creates the system scope's group role if it is missing (migrations name it in their policies). */
export async function ensureSystemScopeRole(ownerUrl: string): Promise<void> {
  await withRoleLock(ownerUrl, async (client) => {
    const { rowCount } = await client.query('select 1 from pg_roles where rolname = $1', [SYSTEM_SCOPE_ROLE]);
    if (!rowCount) await client.query(`create role ${quoteIdent(SYSTEM_SCOPE_ROLE)} nologin nosuperuser nobypassrls`);
  });
}

/**
 * The login role of the system scope (the outbox relay, the SLA scheduler): SYSTEM_DATABASE_URL's
 * role when given (created with that password if missing), else `flowledger_system` with a password
 * derived from the owner's credentials. A member of the scope role, no superuser, no BYPASSRLS.
 * Returns its connection URL.
 */
export async function ensureSystemRole(ownerUrl: string, givenUrl?: string): Promise<string> {
  await ensureSystemScopeRole(ownerUrl);
  const owner = new URL(ownerUrl);
  const url = new URL(givenUrl ?? ownerUrl);
  if (!givenUrl) {
    url.username = DEFAULT_SYSTEM_ROLE;
    url.password = createHash('sha256').update(`flowledger-system-role:${owner.username}:${owner.password}@${owner.host}`).digest('base64url');
  }
  const role = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password).replaceAll("'", "''");
  await withRoleLock(ownerUrl, async (client) => {
    const { rowCount } = await client.query('select 1 from pg_roles where rolname = $1', [role]);
    if (!rowCount) await client.query(`create role ${quoteIdent(role)} with login nosuperuser nobypassrls nocreatedb nocreaterole password '${password}'`);
    else if (!givenUrl) await client.query(`alter role ${quoteIdent(role)} with login nosuperuser nobypassrls nocreatedb nocreaterole password '${password}'`);
    await client.query(`grant ${quoteIdent(SYSTEM_SCOPE_ROLE)} to ${quoteIdent(role)}`);
  });
  if (!givenUrl) url.pathname = owner.pathname;
  return url.toString();
}
