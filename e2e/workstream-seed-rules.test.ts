import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startFullGraph } from '@flowledger/devtools/testing';
import type { FullGraph } from '@flowledger/devtools/testing';
import { runSlaScheduler } from '@flowledger/workstream';
import { gql, moveTo, mutate, newPursuit, refuse } from './workstream-helpers.ts';

let graph: FullGraph;
beforeAll(async () => {
  graph = await startFullGraph({}, { workers: false });
});
afterAll(() => graph?.close());

describe('rules the seed states', () => {
  test.each(['WON', 'LOST'])("a %s pursuit's proposal cannot be sent, and no RESPONSE clock starts for it", async (end) => {
    const p = await newPursuit(graph);
    const draft = await mutate(graph, 'createProposal', { pursuitId: p.pursuitId, title: 'Too late' }, 'proposal { id }');
    await moveTo(graph, p.pursuitId, p.version, end === 'WON' ? ['PINK', 'RED', 'SUBMITTED', 'WON'] : ['LOST']);
    const errors = await refuse(graph, 'sendProposal', { id: draft.proposal.id });
    expect(errors).toEqual([expect.objectContaining({ field: ['input', 'id'], code: 'PURSUIT_CLOSED' })]);
    const data = await gql(graph, 'query($id: ID!) { proposal(id: $id) { status sla { status } } }', { id: draft.proposal.id });
    expect(data.proposal).toEqual({ status: 'DRAFT', sla: null });
  });

  test("a breached follow-up (a sent proposal's RESPONSE clock) moves its pursuit to the top of today", async () => {
    const quiet = await newPursuit(graph, { name: 'Quiet pursuit', priority: 'HIGH' });
    const chased = await newPursuit(graph, { name: 'Unanswered proposal', priority: 'LOW' });
    const proposal = await mutate(graph, 'createProposal', { pursuitId: chased.pursuitId, title: 'Waiting' }, 'proposal { id }');
    await mutate(graph, 'sendProposal', { id: proposal.proposal.id }, 'proposal { status }');
    await runSlaScheduler({ orm: graph.subgraphs.workstream!.systemOrm!, now: new Date(Date.now() + 100 * 3_600_000) });
    const data = await gql(graph, '{ today(filter: { everyone: true }, first: 250) { slaStatus pursuit { name } } }');
    const pursuits = data.today.filter((item: any) => item.pursuit);
    expect(pursuits[0]).toEqual({ slaStatus: 'BREACHED', pursuit: { name: 'Unanswered proposal' } });
    expect(pursuits.find((item: any) => item.pursuit.name === 'Quiet pursuit').slaStatus).not.toBe('BREACHED');
    expect(quiet.pursuitId).toBeTruthy();
  });

  test('pursuits at the largest amount a value may hold still add up exactly on the board', async () => {
    for (let i = 0; i < 3; i++) await newPursuit(graph, { amount: '9999999999999999.99', currency: 'CHF' });
    const data = await gql(graph, '{ pipelineBoard { columns { stage totals { currency total weighted } } } }');
    const qualify = data.pipelineBoard.columns.find((c: any) => c.stage === 'QUALIFY');
    expect(qualify.totals.find((t: any) => t.currency === 'CHF')).toEqual({ currency: 'CHF', total: '29999999999999999.97', weighted: '2999999999999999.997' });
  });

  test('a value past what the column holds is refused naming the field', async () => {
    const client = await mutate(graph, 'createClient', { name: 'Too rich' }, 'client { id }');
    const signal = await mutate(graph, 'createSignal', { source: 'MANUAL', summary: 'Too rich lead', clientId: client.client.id }, 'candidate { id }');
    await mutate(graph, 'triageCandidate', { id: signal.candidate.id, status: 'TRIAGED' }, 'candidate { id }');
    const { body } = await graph.query({
      query: 'mutation($i: PromoteCandidateInput!) { promoteCandidate(input: $i) { userErrors { field code } } }',
      variables: { i: { id: signal.candidate.id, name: 'Too rich', value: { amount: '10000000000000000.00', currency: 'EUR' } } },
    });
    expect(body.errors ?? body.data.promoteCandidate.userErrors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    ]);
  });

  test.each([
    [{ kind: 'TRIAGE', hours: 0.001 }, 'hours'],
    [{ kind: 'TRIAGE', hours: 24, warnFraction: 0.9999 }, 'warnFraction'],
    [{ kind: 'TRIAGE', hours: 24, warnFraction: 0.0001 }, 'warnFraction'],
  ])('setSlaRule(%j) is refused naming the field, never left to a CHECK', async (input, field) => {
    const errors = await refuse(graph, 'setSlaRule', input);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.map((e) => [e.field, e.code])).toEqual(errors.map(() => [['input', field], 'INVALID_INPUT']));
  });
});
