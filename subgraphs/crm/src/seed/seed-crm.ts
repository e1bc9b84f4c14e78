import { inOrgScope, referencesReadFromTheirOwner } from '@flowledger/shared';
import type { OrgContext, Orm } from '@flowledger/shared';
import { ingestProspects } from '../use-cases/ingest-prospects.ts';
import { demoProspects } from './demo-prospects.ts';

/** acme gets 28 clients with contacts and positions, globex a few; safe to run on every start. */
export async function seedCrm(orm: Orm, orgs: { acme: string; globex: string }): Promise<void> {
  const seed = (orgId: string, items: ReturnType<typeof demoProspects>) =>
    inOrgScope(orm, orgId, (em) =>
      ingestProspects({ em, org: seedContext(orgId), references: referencesReadFromTheirOwner, now: new Date(), input: { items } }),
    );
  await seed(orgs.acme, demoProspects('acme', 28));
  await seed(orgs.globex, demoProspects('globex', 4));
}

/** The seed acts as the system, not as a person: no user row is needed for it. */
const seedContext = (orgId: string): OrgContext => ({
  orgId,
  actor: { type: 'user', id: '00000000-0000-7000-8000-000000000000' },
  roles: ['ADMIN'],
  requestId: 'seed',
});
