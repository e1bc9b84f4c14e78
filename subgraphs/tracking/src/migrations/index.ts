import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261203003000_tracking } from './Migration20261203003000_tracking.ts';

/** Listed explicitly, in order: no file-system discovery at run time. */
export const migrations: MigrationObject[] = [{ name: 'Migration20261203003000_tracking', class: Migration20261203003000_tracking }];
