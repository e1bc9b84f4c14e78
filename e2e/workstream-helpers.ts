import { expect } from '@jest/globals';
import type { FullGraph } from '@flowledger/devtools/testing';

type Org = 'acme' | 'globex';

/** Runs an operation through the gateway and returns `data`, failing the test on top-level errors. */
export async function gql(
  graph: FullGraph,
  query: string,
  variables: Record<string, unknown> = {},
  org: Org = 'acme',
  role: 'ADMIN' | 'MEMBER' | 'VIEWER' = 'ADMIN',
): Promise<any> {
  const { status, body } = await graph.query({ org, role, query, variables });
  if (body.errors) throw new Error(`GraphQL errors (HTTP ${status}): ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** Runs a mutation whose payload must have no userErrors, and returns the payload. */
export async function mutate(graph: FullGraph, field: string, input: Record<string, unknown>, selection: string, org: Org = 'acme'): Promise<any> {
  const data = await gql(
    graph,
    `mutation($input: ${inputType(field)}!) { ${field}(input: $input) { ${selection} userErrors { field message code } } }`,
    { input },
    org,
  );
  expect(data[field].userErrors).toEqual([]);
  return data[field];
}

/** The same mutation, expecting refusals: returns the userErrors. */
export async function refuse(
  graph: FullGraph,
  field: string,
  input: Record<string, unknown>,
  org: Org = 'acme',
): Promise<{ field: string[] | null; message: string; code: string }[]> {
  const data = await gql(graph, `mutation($input: ${inputType(field)}!) { ${field}(input: $input) { userErrors { field message code } } }`, { input }, org);
  expect(data[field].userErrors.length).toBeGreaterThan(0);
  return data[field].userErrors;
}

function inputType(field: string): string {
  return `${field[0]!.toUpperCase()}${field.slice(1)}Input`;
}

/** A client in CRM, a signal for it, its candidate triaged and promoted: returns the ids and the pursuit's version. */
export async function newPursuit(
  graph: FullGraph,
  options: { org?: Org; name?: string; amount?: string; currency?: string; tags?: string[]; priority?: string } = {},
) {
  const org = options.org ?? 'acme';
  const name = options.name ?? `Pursuit ${Math.random().toString(36).slice(2, 8)}`;
  const client = await mutate(graph, 'createClient', { name: `${name} Client` }, 'client { id }', org);
  const signal = await mutate(
    graph,
    'createSignal',
    { source: 'MANUAL', summary: `Lead for ${name}`, clientId: client.client.id, tags: options.tags, priority: options.priority },
    'candidate { id }',
    org,
  );
  const candidateId = signal.candidate.id;
  await mutate(graph, 'triageCandidate', { id: candidateId, status: 'TRIAGED' }, 'candidate { id }', org);
  const value = options.amount ? { amount: options.amount, currency: options.currency ?? 'EUR' } : undefined;
  const promoted = await mutate(graph, 'promoteCandidate', { id: candidateId, name, value }, 'pursuit { id version }', org);
  return {
    clientId: client.client.id as string,
    candidateId: candidateId as string,
    pursuitId: promoted.pursuit.id as string,
    version: promoted.pursuit.version as number,
  };
}

/** Completes every item of a pursuit's checklist stage. */
export async function completeChecklist(graph: FullGraph, pursuitId: string, stage: 'PINK' | 'RED', org: Org = 'acme'): Promise<void> {
  const data = await gql(graph, `query($id: ID!) { pursuit(id: $id) { checklist { id stage } } }`, { id: pursuitId }, org);
  for (const item of data.pursuit.checklist.filter((i: any) => i.stage === stage)) {
    await mutate(graph, 'completeChecklistItem', { id: item.id }, 'item { id }', org);
  }
}

/** Moves a pursuit along stages, completing the checklist each gate needs; returns the last version. */
export async function moveTo(graph: FullGraph, pursuitId: string, version: number, stages: string[], org: Org = 'acme'): Promise<number> {
  for (const to of stages) {
    if (to === 'SUBMITTED') await completeChecklist(graph, pursuitId, 'PINK', org);
    if (to === 'WON' || to === 'LOST') await completeChecklist(graph, pursuitId, 'RED', org);
    const moved = await mutate(
      graph,
      'transitionPursuit',
      { id: pursuitId, to, expectedVersion: version, lostReason: to === 'LOST' ? 'No budget' : undefined },
      'pursuit { version }',
      org,
    );
    version = moved.pursuit.version;
  }
  return version;
}
