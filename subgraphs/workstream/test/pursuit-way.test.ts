import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { workstreamSubgraph } from '@flowledger/workstream';
import { countedQueries } from '@flowledger/shared';
import { startSubgraphUnderTest } from '@flowledger/shared/testkit';
import type { SubgraphUnderTest, TestOrg } from '@flowledger/shared/testkit';

// Workstream alone, called as the gateway calls it: what needs CRM or access (clients, people) is
// in the end-to-end folder.
let workstream: SubgraphUnderTest;
beforeAll(async () => {
  workstream = await startSubgraphUnderTest(workstreamSubgraph, { workers: false });
});
afterAll(() => workstream?.close());

async function run(query: string, variables: Record<string, unknown> = {}, org: TestOrg = 'acme'): Promise<any> {
  const { body } = await workstream.query({ org, query, variables });
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function newPursuit(name: string, org: TestOrg = 'acme'): Promise<{ id: string; version: number }> {
  const signal = await run(
    'mutation($s: String!) { createSignal(input: { source: WEB, summary: $s }) { candidate { id status } userErrors { code } } }',
    {
      s: `Lead: ${name}`,
    },
    org,
  );
  const candidateId = signal.createSignal.candidate.id;
  await run('mutation($id: ID!) { triageCandidate(input: { id: $id, status: TRIAGED }) { userErrors { code } } }', { id: candidateId }, org);
  const promoted = await run(
    'mutation($id: ID!, $n: String!) { promoteCandidate(input: { id: $id, name: $n, value: { amount: "1000.00", currency: "EUR" } }) { pursuit { id stage version } userErrors { code } } }',
    { id: candidateId, n: name },
    org,
  );
  expect(promoted.promoteCandidate).toMatchObject({ pursuit: { stage: 'QUALIFY', version: 1 }, userErrors: [] });
  return promoted.promoteCandidate.pursuit;
}

describe('a pursuit in workstream alone', () => {
  test('a signal becomes a candidate, then one pursuit that moves by version', async () => {
    const pursuit = await newPursuit('Audit');
    const move = (expectedVersion: number) =>
      run(
        'mutation($id: ID!, $v: Int!) { transitionPursuit(input: { id: $id, to: PINK, expectedVersion: $v }) { pursuit { stage version } userErrors { code } } }',
        {
          id: pursuit.id,
          v: expectedVersion,
        },
      );
    expect((await move(1)).transitionPursuit).toEqual({ pursuit: { stage: 'PINK', version: 2 }, userErrors: [] });
    expect((await move(1)).transitionPursuit).toEqual({ pursuit: null, userErrors: [{ code: 'STALE' }] });
  });

  test("another organisation's pursuit is null by id, absent from lists, NOT_FOUND to mutations", async () => {
    const pursuit = await newPursuit('Private', 'acme');
    const seen = await run('query($id: ID!) { pursuit(id: $id) { id } pursuits { totalCount } }', { id: pursuit.id }, 'globex');
    expect(seen.pursuit).toBeNull();
    const moved = await run(
      'mutation($id: ID!) { transitionPursuit(input: { id: $id, to: PINK, expectedVersion: 1 }) { userErrors { code } } }',
      { id: pursuit.id },
      'globex',
    );
    expect(moved.transitionPursuit.userErrors).toEqual([{ code: 'NOT_FOUND' }]);
  });

  test('a VIEWER changes nothing and a MEMBER sets no SLA rule: FORBIDDEN at the top level', async () => {
    const viewer = await workstream.query({ role: 'VIEWER', query: 'mutation { createSignal(input: { source: WEB, summary: "x" }) { signal { id } } }' });
    expect(viewer.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const member = await workstream.query({ role: 'MEMBER', query: 'mutation { setSlaRule(input: { kind: TRIAGE, hours: 1 }) { userErrors { code } } }' });
    expect(member.body.errors[0]).toMatchObject({ message: 'only an ADMIN may change SLA rules', extensions: { code: 'FORBIDDEN' } });
    expect((await run('{ slaRules { kind hours } }')).slaRules).not.toContainEqual({ kind: 'TRIAGE', hours: 1 });
  });

  test('a page of pursuits costs the same SQL for 5 and 25 pursuits', async () => {
    for (let i = 0; i < 25; i++) await newPursuit(`Bulk ${i}`, 'globex');
    const statements = async (first: number) => {
      const before = countedQueries('workstream');
      const data = await run(
        'query($first: Int) { pursuits(first: $first) { edges { node { name stageHistory { to } checklist { label } proposals { version } sla { status } candidate { title } } } } }',
        { first },
        'globex',
      );
      expect(data.pursuits.edges).toHaveLength(first);
      return countedQueries('workstream') - before;
    };
    const small = await statements(5);
    expect(small).toBeGreaterThan(3);
    expect(await statements(25)).toBe(small);
  });
});
