import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startFullGraph } from '@flowledger/devtools/testing';
import type { FullGraph } from '@flowledger/devtools/testing';
import { DEMO } from '@flowledger/access';
import { signedSubgraphRequest } from '@flowledger/shared/testkit';
import { gql, mutate, newPursuit, refuse } from './workstream-helpers.ts';

let graph: FullGraph;
let acme: { clientId: string; candidateId: string; pursuitId: string; version: number; signalId: string; proposalId: string; checklistItemId: string };

beforeAll(async () => {
  graph = await startFullGraph();
  const p = await newPursuit(graph, { name: 'Acme secret deal', amount: '1000.00' });
  const signal = await gql(graph, 'query($id: ID!) { candidate(id: $id) { signals { id } } }', { id: p.candidateId });
  const proposal = await mutate(graph, 'createProposal', { pursuitId: p.pursuitId, title: 'Secret proposal' }, 'proposal { id }');
  const checklist = await gql(graph, 'query($id: ID!) { pursuit(id: $id) { checklist { id } } }', { id: p.pursuitId });
  acme = { ...p, signalId: signal.candidate.signals[0].id, proposalId: proposal.proposal.id, checklistItemId: checklist.pursuit.checklist[0].id };
});
afterAll(() => graph?.close());

describe("acme's workstream, seen from globex", () => {
  test('every query by id answers null', async () => {
    const data = await gql(
      graph,
      `query($s: ID!, $c: ID!, $p: ID!, $r: ID!) { signal(id: $s) { id } candidate(id: $c) { id } pursuit(id: $p) { id } proposal(id: $r) { id } }`,
      { s: acme.signalId, c: acme.candidateId, p: acme.pursuitId, r: acme.proposalId },
      'globex',
    );
    expect(data).toEqual({ signal: null, candidate: null, pursuit: null, proposal: null });
  });

  test('no list, panel or board contains any of it', async () => {
    const data = await gql(
      graph,
      `{ pursuits(first: 250) { totalCount } candidates(first: 250) { totalCount } today(filter: { everyone: true }) { reason }
         pipelineBoard { columns { count } candidates { count } } slaBreaches { id } slaRules { kind hours } }`,
      {},
      'globex',
    );
    expect(data.pursuits.totalCount).toBe(0);
    expect(data.candidates.totalCount).toBe(0);
    expect(data.today).toEqual([]);
    expect(data.pipelineBoard.columns.every((c: any) => c.count === 0)).toBe(true);
    expect(data.pipelineBoard.candidates.every((c: any) => c.count === 0)).toBe(true);
    expect(data.slaBreaches).toEqual([]);
    const ours = await gql(graph, '{ pursuits { totalCount } }', {}, 'acme');
    expect(ours.pursuits.totalCount).toBe(1);
  });

  test('an SLA rule set by acme does not apply to globex', async () => {
    await mutate(graph, 'setSlaRule', { kind: 'RESPONSE', hours: 5 }, 'rule { hours }');
    const globex = await gql(graph, '{ slaRules { kind hours } }', {}, 'globex');
    expect(globex.slaRules.find((r: any) => r.kind === 'RESPONSE').hours).toBe(72);
  });

  test('every mutation on its ids answers NOT_FOUND and changes nothing', async () => {
    const attempts: [string, Record<string, unknown>][] = [
      ['triageCandidate', { id: acme.candidateId, status: 'DISMISSED' }],
      ['promoteCandidate', { id: acme.candidateId, name: 'Stolen' }],
      ['transitionPursuit', { id: acme.pursuitId, to: 'LOST', expectedVersion: acme.version, lostReason: 'sabotage' }],
      ['completeChecklistItem', { id: acme.checklistItemId }],
      ['createProposal', { pursuitId: acme.pursuitId, title: 'Injected' }],
      ['sendProposal', { id: acme.proposalId }],
      ['recordProposalResponse', { id: acme.proposalId, status: 'REJECTED' }],
    ];
    for (const [field, input] of attempts) {
      const type = `${field[0]!.toUpperCase()}${field.slice(1)}Input`;
      const data = await gql(graph, `mutation($input: ${type}!) { ${field}(input: $input) { userErrors { code } } }`, { input }, 'globex');
      expect({ field, errors: data[field].userErrors }).toEqual({ field, errors: [{ code: 'NOT_FOUND' }] });
    }
    const { pursuit } = await gql(
      graph,
      'query($id: ID!) { pursuit(id: $id) { stage version proposals { title status } checklist { completedAt } candidate { status } } }',
      { id: acme.pursuitId },
    );
    expect(pursuit).toMatchObject({
      stage: 'QUALIFY',
      version: acme.version,
      proposals: [{ title: 'Secret proposal', status: 'DRAFT' }],
      candidate: { status: 'PROMOTED' },
    });
    expect(pursuit.checklist.every((i: any) => i.completedAt === null)).toBe(true);
  });

  test("acme's events are invisible to globex: lookups answer null, catch-up lists are empty", async () => {
    const deadline = Date.now() + 5000;
    let events: any[] = [];
    while (events.length === 0 && Date.now() < deadline) {
      events = (await gql(graph, '{ pursuitStageEvents { edges { node { id } } } candidateStatusEvents { edges { node { id } } } }')).pursuitStageEvents.edges;
      if (!events.length) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const id = events[0].node.id;
    expect((await gql(graph, 'query($id: ID!) { pursuitStageEvent(id: $id) { id } }', { id })).pursuitStageEvent).toEqual({ id });
    const globex = await gql(
      graph,
      'query($id: ID!) { pursuitStageEvent(id: $id) { id } candidateStatusEvent(id: $id) { id } slaStatusEvent(id: $id) { id } pursuitStageEvents { edges { cursor } } candidateStatusEvents { edges { cursor } } slaStatusEvents { edges { cursor } } }',
      { id },
      'globex',
    );
    expect(globex).toEqual({
      pursuitStageEvent: null,
      candidateStatusEvent: null,
      slaStatusEvent: null,
      pursuitStageEvents: { edges: [] },
      candidateStatusEvents: { edges: [] },
      slaStatusEvents: { edges: [] },
    });
    // An id of one kind of event does not answer as another kind.
    expect((await gql(graph, 'query($id: ID!) { candidateStatusEvent(id: $id) { id } }', { id })).candidateStatusEvent).toBeNull();
  });

  test("a signal from globex naming acme's client or contact is NOT_FOUND, exactly as an id that exists nowhere", async () => {
    const contact = await mutate(graph, 'createContact', { firstName: 'Acme only', email: 'only@acme.example', clientId: acme.clientId }, 'contact { id }');
    const answers = [];
    for (const [field, id] of [
      ['clientId', acme.clientId],
      ['contactId', contact.contact.id],
      ['clientId', '01938000-0000-7000-8000-0000deadbeef'],
    ] as const) {
      const errors = await refuse(graph, 'createSignal', { source: 'WEB', summary: 'Probe', [field]: id }, 'globex');
      answers.push(errors.map((e) => ({ ...e, message: e.message.replace(id, '<id>') })));
      expect(errors).toEqual([expect.objectContaining({ field: ['input', field], code: 'NOT_FOUND' })]);
    }
    expect(answers[0]).toEqual(answers[2]);
    const { candidates } = await gql(graph, '{ candidates(first: 250) { edges { node { title } } } }', {}, 'globex');
    expect(candidates.edges.filter((e: any) => e.node.title === 'Probe')).toEqual([]);
  });

  test("acme's cursors count acme's events only: globex's events between two of them leave no gap", async () => {
    const decode = (cursor: string) => Number(/^p:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'))![1]);
    const LIST = '{ candidateStatusEvents(first: 250) { edges { cursor node { candidate { title } } } } }';
    const first = await mutate(graph, 'createSignal', { source: 'WEB', summary: 'Cursor one' }, 'candidate { id }');
    for (let i = 0; i < 5; i++) await mutate(graph, 'createSignal', { source: 'WEB', summary: `Globex noise ${i}` }, 'candidate { id }', 'globex');
    await mutate(graph, 'createSignal', { source: 'WEB', summary: 'Cursor two' }, 'candidate { id }');
    let edges: any[] = [];
    const deadline = Date.now() + 10_000;
    do {
      edges = (await gql(graph, LIST)).candidateStatusEvents.edges.filter((e: any) => e.node.candidate.title.startsWith('Cursor '));
      if (edges.length < 2) await new Promise((resolve) => setTimeout(resolve, 50));
    } while (edges.length < 2 && Date.now() < deadline);
    expect(edges.map((e) => e.node.candidate.title)).toEqual(['Cursor one', 'Cursor two']);
    expect(decode(edges[1].cursor) - decode(edges[0].cursor)).toBe(1);
    expect(first.candidate.id).toBeTruthy();
  });

  test('globex cannot assign its candidate, or give its pursuit, to a person of acme', async () => {
    const signal = await mutate(graph, 'createSignal', { source: 'WEB', summary: 'Globex lead' }, 'candidate { id }', 'globex');
    const acmeUser = DEMO.acme.users[1]!.id;
    expect(await refuse(graph, 'triageCandidate', { id: signal.candidate.id, status: 'TRIAGED', assigneeId: acmeUser }, 'globex')).toEqual([
      expect.objectContaining({ field: ['input', 'assigneeId'], code: 'NOT_FOUND' }),
    ]);
    await mutate(graph, 'triageCandidate', { id: signal.candidate.id, status: 'TRIAGED', assigneeId: DEMO.globex.users[0]!.id }, 'candidate { id }', 'globex');
    expect(await refuse(graph, 'promoteCandidate', { id: signal.candidate.id, name: 'Globex deal', ownerId: acmeUser }, 'globex')).toEqual([
      expect.objectContaining({ field: ['input', 'ownerId'], code: 'NOT_FOUND' }),
    ]);
  });

  test("entity references to acme's rows resolve to null, and Client.pursuits is empty", async () => {
    const { body } = await signedSubgraphRequest({
      url: graph.subgraphs.workstream!.url,
      subgraph: 'workstream',
      context: { orgId: DEMO.globex.id, actor: { type: 'user', id: DEMO.globex.users[0]!.id }, roles: ['ADMIN'], requestId: 'refs' },
      query:
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Pursuit { id } ... on Candidate { id } ... on Signal { id } ... on Proposal { id } ... on Client { pursuits { id } } } }',
      variables: {
        r: [
          { __typename: 'Pursuit', id: acme.pursuitId },
          { __typename: 'Candidate', id: acme.candidateId },
          { __typename: 'Signal', id: acme.signalId },
          { __typename: 'Proposal', id: acme.proposalId },
          { __typename: 'Client', id: acme.clientId },
        ],
      },
    });
    expect(body.data._entities).toEqual([null, null, null, null, { pursuits: [] }]);
  });
});

describe('retries and roles', () => {
  test('a partner retrying createSignal with the same externalId creates nothing twice', async () => {
    const input = { source: 'PARTNER', summary: 'From partner', externalId: 'partner-42' };
    const first = await mutate(graph, 'createSignal', input, 'signal { id } candidate { id } duplicate');
    const second = await mutate(graph, 'createSignal', input, 'signal { id } candidate { id } duplicate');
    expect(first.duplicate).toBe(false);
    expect(second).toEqual({ ...first, duplicate: true, userErrors: [] });
    // The same external id from another source is another signal.
    const other = await mutate(graph, 'createSignal', { ...input, source: 'WEB' }, 'signal { id }');
    expect(other.signal.id).not.toBe(first.signal.id);
  });

  test('a VIEWER reads but cannot change anything (FORBIDDEN); only an ADMIN sets SLA rules', async () => {
    const read = await graph.query({ org: 'acme', role: 'VIEWER', query: '{ pursuits { totalCount } }' });
    expect(read.body.data.pursuits.totalCount).toBeGreaterThan(0);
    const write = await graph.query({
      org: 'acme',
      role: 'VIEWER',
      query: 'mutation { createSignal(input: { source: WEB, summary: "x" }) { signal { id } } }',
    });
    expect(write.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const member = await graph.query({
      org: 'acme',
      role: 'MEMBER',
      query: 'mutation { setSlaRule(input: { kind: TRIAGE, hours: 1 }) { userErrors { code } } }',
    });
    // FORBIDDEN is a top-level error everywhere, never a user error: no change of input would help.
    expect(member.body.errors).toEqual([
      expect.objectContaining({ message: 'only an ADMIN may change SLA rules', extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }),
    ]);
    expect(member.body.data?.setSlaRule ?? null).toBeNull();
    const template = await graph.query({
      org: 'acme',
      role: 'MEMBER',
      query: 'mutation { setChecklistTemplate(input: { stage: PINK, items: [{ label: "x" }] }) { userErrors { code } } }',
    });
    expect(template.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  test('bad input names the field', async () => {
    const data = await gql(graph, 'mutation($input: PromoteCandidateInput!) { promoteCandidate(input: $input) { userErrors { field code } } }', {
      input: { id: acme.candidateId, name: ' ', value: { amount: '12.345', currency: 'euro' } },
    });
    expect(data.promoteCandidate.userErrors).toEqual([
      { field: ['input', 'name'], code: 'INVALID_INPUT' },
      { field: ['input', 'value', 'amount'], code: 'INVALID_INPUT' },
      { field: ['input', 'value', 'currency'], code: 'INVALID_INPUT' },
    ]);
    const decimal = await graph.query({
      query: 'mutation { promoteCandidate(input: { id: "x", name: "y", value: { amount: 12.5, currency: "EUR" } }) { userErrors { code } } }',
    });
    expect(decimal.body.errors[0].extensions.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
  });
});
