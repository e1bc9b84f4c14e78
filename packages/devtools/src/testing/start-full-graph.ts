import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startGateway } from '@flowledger/gateway';
import { seedAccess, DEMO } from '@flowledger/access';
import { composeSupergraph } from '../compose-supergraph.ts';
import { loadSubgraphs } from '../subgraphs.ts';
import type { LoadedSubgraph, RegistryEntry } from '../subgraphs.ts';
import { grantAppRole, migrateSchema, repoRoot } from '@flowledger/shared';
import { startTestGraph, testToken } from '@flowledger/shared/testkit';
import type { TestDatabase, TestGraph } from '@flowledger/shared/testkit';
import type { Clock, EventBus, Logger, Role } from '@flowledger/shared';

export interface FullGraph extends TestGraph {
  gatewayUrl: string;
  /** A token for the demo user holding `role` in the organisation. */
  token(org: keyof typeof DEMO, role?: Role, expiresIn?: number): Promise<string>;
  /** POSTs an operation to the gateway as that organisation's user (or with the given headers). */
  query(options: {
    org?: keyof typeof DEMO;
    role?: Role;
    query: string;
    variables?: Record<string, unknown>;
    headers?: Record<string, string>;
  }): Promise<{ status: number; body: any }>;
}

/** The whole graph for end-to-end tests: every subgraph, the gateway, and the demo organisations and users. */
export async function startFullGraph(
  config: Record<string, string> = {},
  options: {
    log?: Logger;
    clock?: Clock;
    workers?: boolean;
    createBus?: (log: Logger, databaseUrl: string) => EventBus;
    /**
     * Another registry (the registry with a fixture subgraph added): its subgraphs are loaded,
     * migrated into the test database and composed here, as `npm start` would with that registry.
     */
    registry?: readonly RegistryEntry[];
  } = {},
): Promise<FullGraph> {
  const SUBGRAPHS = await loadSubgraphs(options.registry);
  const graph = await startTestGraph({
    subgraphs: SUBGRAPHS.map((s) => s.definition),
    prepare: options.registry ? (db) => prepareSchemas(db, SUBGRAPHS) : undefined,
    gateway: {
      start: startGateway,
      supergraphSdl: options.registry ? await composeSupergraph(SUBGRAPHS) : readFileSync(join(repoRoot, 'schema/supergraph.graphql'), 'utf8'),
    },
    config,
    seed: (orms) => seedAccess(orms.access!),
    log: options.log,
    clock: options.clock,
    workers: options.workers,
    createBus: options.createBus,
  });
  const token = async (org: keyof typeof DEMO, role: Role = 'ADMIN', expiresIn?: number) => {
    const user = DEMO[org].users.find((u) => u.role === role) ?? DEMO[org].users[0]!;
    return testToken({ userId: user.id, orgId: DEMO[org].id, role, expiresIn });
  };
  return {
    ...graph,
    gatewayUrl: graph.gatewayUrl!,
    token,
    async query({ org = 'acme', role = 'ADMIN', query, variables, headers }) {
      const response = await fetch(graph.gatewayUrl!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(headers ?? { authorization: `Bearer ${await token(org, role)}` }) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: await response.json() };
    },
  };
}

/** Migrations already in the template are skipped; a new subgraph's schema is created and granted. */
async function prepareSchemas(db: TestDatabase, subgraphs: LoadedSubgraph[]): Promise<void> {
  for (const { definition } of subgraphs) await migrateSchema({ ownerUrl: db.ownerUrl, schema: definition.dbSchema, migrations: definition.migrations });
  const schemas = subgraphs.map(({ definition }) => definition.dbSchema);
  await grantAppRole(db.ownerUrl, db.appUrl, schemas);
  await grantAppRole(db.ownerUrl, db.systemUrl, schemas);
}
