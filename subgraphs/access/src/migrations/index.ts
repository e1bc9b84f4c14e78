import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122000100_access } from './Migration20261122000100_access.ts';
import { Migration20261202000200_api_keys } from './Migration20261202000200_api_keys.ts';
import { Migration20261202000300_persisted_operations } from './Migration20261202000300_persisted_operations.ts';
import { Migration20261202000400_idempotency } from './Migration20261202000400_idempotency.ts';
import { Migration20261202000500_rate_limits } from './Migration20261202000500_rate_limits.ts';

/** Listed explicitly, in order: no file-system discovery at run time. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261122000100_access', class: Migration20261122000100_access },
  { name: 'Migration20261202000200_api_keys', class: Migration20261202000200_api_keys },
  { name: 'Migration20261202000300_persisted_operations', class: Migration20261202000300_persisted_operations },
  { name: 'Migration20261202000400_idempotency', class: Migration20261202000400_idempotency },
  { name: 'Migration20261202000500_rate_limits', class: Migration20261202000500_rate_limits },
];
