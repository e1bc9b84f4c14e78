import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122000300_workstream } from './Migration20261122000300_workstream.ts';
import { Migration20261122000400_event_positions } from './Migration20261122000400_event_positions.ts';
import { Migration20261202000500_system_scope_role } from './Migration20261202000500_system_scope_role.ts';
import { Migration20261202000600_org_positions } from './Migration20261202000600_org_positions.ts';
import { Migration20261203000700_event_feed } from './Migration20261203000700_event_feed.ts';
import { Migration20261203000800_proposal_views } from './Migration20261203000800_proposal_views.ts';

/** Listed explicitly, in order: no file-system discovery at run time. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261122000300_workstream', class: Migration20261122000300_workstream },
  { name: 'Migration20261122000400_event_positions', class: Migration20261122000400_event_positions },
  { name: 'Migration20261202000500_system_scope_role', class: Migration20261202000500_system_scope_role },
  { name: 'Migration20261202000600_org_positions', class: Migration20261202000600_org_positions },
  { name: 'Migration20261203000700_event_feed', class: Migration20261203000700_event_feed },
  { name: 'Migration20261203000800_proposal_views', class: Migration20261203000800_proposal_views },
];
