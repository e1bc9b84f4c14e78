import type { OrgContext, Role } from '../auth/org-context.ts';
import type { Clock } from '../clock.ts';
import type { Orm } from '../db/create-orm.ts';
import type { SubgraphDefinition } from '../subgraph/definition.ts';
import { signedSubgraphRequest } from './signed-request.ts';
import { startTestGraph } from './start-graph.ts';
import type { TestGraph } from './start-graph.ts';

/**
 * Two organisations for a subgraph's own tests. A subgraph does not own organisations (access
 * does), and its rows only need an `org_id`, so fixed ids stand in for them.
 */
export const TEST_ORGS = {
  acme: { id: '01938000-0000-7000-8000-00000000a001', userId: '01938000-0000-7000-8000-00000000a101' },
  globex: { id: '01938000-0000-7000-8000-00000000b001', userId: '01938000-0000-7000-8000-00000000b101' },
} as const;

export type TestOrg = keyof typeof TEST_ORGS;

export interface SubgraphUnderTest {
  url: string;
  orm: Orm;
  graph: TestGraph;
  /** The context the gateway would sign for that organisation's user with that role. */
  context(org?: TestOrg, role?: Role): OrgContext;
  /** An operation signed exactly as the gateway signs it, sent straight to the subgraph. */
  query(options: {
    org?: TestOrg;
    role?: Role;
    context?: OrgContext;
    query: string;
    variables?: Record<string, unknown>;
  }): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/**
 * The template for a subgraph's own tests: that subgraph alone, on a free port over a database of
 * its own, called the way the gateway calls it. Anything that needs a second subgraph or the gateway
 * is an end-to-end test (the `e2e/` folder).
 */
export async function startSubgraphUnderTest(
  definition: SubgraphDefinition,
  options: { clock?: Clock; workers?: boolean; seed?: (orm: Orm) => Promise<void> } = {},
): Promise<SubgraphUnderTest> {
  const graph = await startTestGraph({
    subgraphs: [definition],
    clock: options.clock,
    workers: options.workers,
    seed: options.seed ? (orms) => options.seed!(orms[definition.name]!) : undefined,
  });
  const running = graph.subgraphs[definition.name]!;
  const context = (org: TestOrg = 'acme', role: Role = 'ADMIN'): OrgContext => ({
    orgId: TEST_ORGS[org].id,
    actor: { type: 'user', id: TEST_ORGS[org].userId },
    roles: [role],
    requestId: `test-${definition.name}`,
  });
  return {
    url: running.url,
    orm: running.orm,
    graph,
    context,
    query: (request) =>
      signedSubgraphRequest({
        url: running.url,
        subgraph: definition.name,
        context: request.context ?? context(request.org, request.role),
        query: request.query,
        variables: request.variables,
      }),
    close: () => graph.close(),
  };
}
