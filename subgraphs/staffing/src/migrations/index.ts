import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261202001000_staffing } from './Migration20261202001000_staffing.ts';
import { Migration20261203001100_event_feed } from './Migration20261203001100_event_feed.ts';

/** Listed explicitly, in order: no file-system discovery at run time. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261202001000_staffing', class: Migration20261202001000_staffing },
  { name: 'Migration20261203001100_event_feed', class: Migration20261203001100_event_feed },
];
