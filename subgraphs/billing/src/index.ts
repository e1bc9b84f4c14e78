import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import type { SubgraphDefinition } from '@flowledger/shared';
import { entities } from './entities/index.ts';
import { USER_ERROR_CODES } from './errors.ts';
import { createLoaders } from './loaders.ts';
import { migrations } from './migrations/index.ts';
import { resolvers } from './resolvers/index.ts';
import { serveInvoicePdf } from './use-cases/serve-invoice-pdf.ts';
import { billingWorkers } from './workers/index.ts';

export const sdl = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');

export const billingSubgraph: SubgraphDefinition = {
  name: 'billing',
  dbSchema: 'billing',
  typeDefs: parse(sdl),
  resolvers,
  userErrorCodes: USER_ERROR_CODES,
  entities,
  migrations,
  createLoaders,
  workers: billingWorkers,
  publicRoutes: { '/invoices/': serveInvoicePdf },
  typeMappers: {
    Engagement: '../entities/index.ts#EngagementRow',
    Milestone: '../entities/index.ts#MilestoneRow',
    TimeEntry: '../entities/index.ts#TimeEntryRow',
    Invoice: '../entities/index.ts#InvoiceRow',
    InvoiceLine: '../entities/index.ts#InvoiceLineRow',
    Payment: '../entities/index.ts#PaymentRow',
    InvoiceStatusChangedEvent: '../resolvers/events.ts#EventRow',
    Money: '../resolvers/money.ts#MoneyValue',
    Pursuit: '../resolvers/reference.ts#EntityReference',
    Client: '../resolvers/reference.ts#EntityReference',
    StaffMember: '../resolvers/reference.ts#EntityReference',
  },
};

export { seedBilling, seedEngagements } from './seed/seed-billing.ts';

/** The definition under the one name every subgraph package exports, for the registry's loader. */
export { billingSubgraph as subgraph };
