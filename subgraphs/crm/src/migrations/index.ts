import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122000200_crm } from './Migration20261122000200_crm.ts';

/** Listed explicitly, in order: no file-system discovery at run time. */
export const migrations: MigrationObject[] = [{ name: 'Migration20261122000200_crm', class: Migration20261122000200_crm }];
