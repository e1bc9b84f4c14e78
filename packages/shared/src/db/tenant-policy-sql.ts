/**
 * Row-level security for a tenant table, for migrations: enabled and forced (even the owner is held
 * to it unless superuser), with one policy that shows and accepts only rows of the organisation in
 * `app.org_id`. An unset or emptied setting reads as NULL, which matches nothing: no rows.
 */
export function tenantPolicySql(schema: string, table: string): string {
  return `
    alter table ${schema}.${table} enable row level security;
    alter table ${schema}.${table} force row level security;
    create policy tenant_isolation on ${schema}.${table}
      using (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
      with check (org_id = nullif(current_setting('app.org_id', true), '')::uuid);`;
}
