import { inOrgScope } from '@flowledger/shared';
import type { Orm } from '@flowledger/shared';
import { ingestProspects } from '../use-cases/ingest-prospects.ts';
import { demoProspects } from './demo-prospects.ts';

/** acme gets 28 clients with contacts and positions, globex a few; safe to run on every start. */
export async function seedCrm(orm: Orm, orgs: { acme: string; globex: string }): Promise<void> {
  await inOrgScope(orm, orgs.acme, (em) => ingestProspects({ em, orgId: orgs.acme, input: { items: demoProspects('acme', 28) } }));
  await inOrgScope(orm, orgs.globex, (em) => ingestProspects({ em, orgId: orgs.globex, input: { items: demoProspects('globex', 4) } }));
}
