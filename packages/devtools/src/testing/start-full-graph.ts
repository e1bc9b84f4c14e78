import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startGateway } from '@flowledger/gateway';
import { seedAccess, DEMO } from '@flowledger/access';
import { loadSubgraphs } from '../subgraphs.ts';
import { repoRoot } from '@flowledger/shared';
import { startTestGraph, testToken } from '@flowledger/shared/testkit';
import type { TestGraph } from '@flowledger/shared/testkit';
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
  options: { log?: Logger; clock?: Clock; workers?: boolean; createBus?: (log: Logger, databaseUrl: string) => EventBus } = {},
): Promise<FullGraph> {
  const SUBGRAPHS = await loadSubgraphs();
  const graph = await startTestGraph({
    subgraphs: SUBGRAPHS.map((s) => s.definition),
    gateway: { start: startGateway, supergraphSdl: readFileSync(join(repoRoot, 'schema/supergraph.graphql'), 'utf8') },
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
