import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261203002000_billing } from './Migration20261203002000_billing.ts';
import { Migration20261203002100_invoices } from './Migration20261203002100_invoices.ts';

/** Listed explicitly, in order: no file-system discovery at run time. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261203002000_billing', class: Migration20261203002000_billing },
  { name: 'Migration20261203002100_invoices', class: Migration20261203002100_invoices },
];
