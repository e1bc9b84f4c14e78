import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122000100_access } from './Migration20261122000100_access.ts';

/** Listed explicitly, in order: no file-system discovery at run time. */
export const migrations: MigrationObject[] = [{ name: 'Migration20261122000100_access', class: Migration20261122000100_access }];
