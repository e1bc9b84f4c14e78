import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import pg from 'pg';
import { startFullGraph } from '@flowledger/devtools/testing';
import type { FullGraph } from '@flowledger/devtools/testing';
import type { EventEnvelope } from '@flowledger/shared';
import { completeChecklist, gql, mutate, refuse } from './workstream-helpers.ts';

let graph: FullGraph;
const received: { event: EventEnvelope; at: number }[] = [];

beforeAll(async () => {
  graph = await startFullGraph();
  // The workstream's events: other subgraphs publish on the same bus (billing's EngagementOpened, for one).
  await graph.bus.subscribe((event) => {
    if (event.source === 'workstream') received.push({ event, at: Date.now() });
  });
});
afterAll(() => graph?.close());

const PURSUIT = `query($id: ID!) { pursuit(id: $id) {
  name stage version probability value { amount currency } client { name pursuits { name } }
  stageHistory { from to by { id } note }
  checklist { label stage required completedAt }
  pinkDone: checklistCompletion(stage: PINK) redDone: checklistCompletion(stage: RED)
  proposals { version status sentAt sla { kind status } }
  candidate { status firstTouchAt sla { kind status } signals { summary } }
  sla { kind status }
} }`;

describe('the whole way, through the gateway', () => {
  test('signal -> candidate -> triage -> promote -> every stage with its checklists -> proposals -> WON', async () => {
    const client = await mutate(graph, 'createClient', { name: 'Initech', domain: 'initech.example' }, 'client { id }');
    const clientId = client.client.id;

    const signal = await mutate(
      graph,
      'createSignal',
      { source: 'REFERRAL', summary: 'Initech wants a TPS report audit', clientId, priority: 'HIGH' },
      'signal { id } candidate { id status priority sla { kind status } }',
    );
    expect(signal.candidate).toMatchObject({ status: 'NEW', priority: 'HIGH', sla: { kind: 'TRIAGE', status: 'OK' } });
    const candidateId = signal.candidate.id;
    // A second signal for the same client attaches to the open candidate.
    const second = await mutate(graph, 'createSignal', { source: 'WEB', summary: 'Initech filled the contact form', clientId }, 'candidate { id }');
    expect(second.candidate.id).toBe(candidateId);

    await mutate(graph, 'triageCandidate', { id: candidateId, status: 'TRIAGED' }, 'candidate { status }');
    const promoted = await mutate(
      graph,
      'promoteCandidate',
      { id: candidateId, name: 'TPS audit', value: { amount: '125000.00', currency: 'EUR' } },
      'pursuit { id stage version probability }',
    );
    expect(promoted.pursuit).toMatchObject({ stage: 'QUALIFY', version: 1, probability: 10 });
    const id = promoted.pursuit.id;
    expect(await refuse(graph, 'promoteCandidate', { id: candidateId, name: 'again' })).toEqual([
      { field: ['input', 'id'], message: 'the candidate was already promoted', code: 'ALREADY_PROMOTED' },
    ]);

    let version = 1;
    const move = async (to: string, extra: Record<string, unknown> = {}) => {
      const moved = await mutate(graph, 'transitionPursuit', { id, to, expectedVersion: version, ...extra }, 'pursuit { stage version probability }');
      version = moved.pursuit.version;
      return moved.pursuit;
    };
    expect(await move('PINK', { note: 'Qualified on call' })).toMatchObject({ stage: 'PINK', version: 2, probability: 25 });
    await move('RED');

    const blocked = await refuse(graph, 'transitionPursuit', { id, to: 'SUBMITTED', expectedVersion: version });
    expect(blocked).toEqual([
      {
        field: ['input', 'to'],
        code: 'CHECKLIST_INCOMPLETE',
        message: 'SUBMITTED needs the PINK checklist complete; missing: Qualification call held, Budget confirmed, Decision maker identified',
      },
    ]);
    await completeChecklist(graph, id, 'PINK');

    const v1 = await mutate(graph, 'createProposal', { pursuitId: id, title: 'TPS audit, first cut' }, 'proposal { id version status }');
    await mutate(graph, 'sendProposal', { id: v1.proposal.id }, 'proposal { status }');
    const v2 = await mutate(graph, 'createProposal', { pursuitId: id, title: 'TPS audit, revised' }, 'proposal { id version status }');
    expect(v2.proposal).toMatchObject({ version: 2, status: 'DRAFT' });
    await mutate(graph, 'sendProposal', { id: v2.proposal.id }, 'proposal { status sentAt }');
    await move('SUBMITTED', { probability: 80 });

    expect(await refuse(graph, 'transitionPursuit', { id, to: 'WON', expectedVersion: version })).toEqual([
      expect.objectContaining({ code: 'CHECKLIST_INCOMPLETE', message: 'WON needs the RED checklist complete; missing: Pricing approved, Legal review done' }),
    ]);
    await completeChecklist(graph, id, 'RED');
    await mutate(graph, 'recordProposalResponse', { id: v2.proposal.id, status: 'ACCEPTED' }, 'proposal { status }');
    expect(await move('WON')).toMatchObject({ stage: 'WON', probability: 100 });
    expect(await refuse(graph, 'transitionPursuit', { id, to: 'PINK', expectedVersion: version })).toEqual([
      { field: ['input', 'to'], code: 'INVALID_TRANSITION', message: 'a pursuit cannot move from WON to PINK' },
    ]);

    const { pursuit } = await gql(graph, PURSUIT, { id });
    expect(pursuit).toMatchObject({
      name: 'TPS audit',
      stage: 'WON',
      version: 5,
      value: { amount: '125000.00', currency: 'EUR' },
      client: { name: 'Initech', pursuits: [{ name: 'TPS audit' }] },
      pinkDone: 100,
      redDone: 100,
    });
    expect(pursuit.stageHistory.map((s: any) => [s.from, s.to])).toEqual([
      [null, 'QUALIFY'],
      ['QUALIFY', 'PINK'],
      ['PINK', 'RED'],
      ['RED', 'SUBMITTED'],
      ['SUBMITTED', 'WON'],
    ]);
    expect(pursuit.stageHistory[1].note).toBe('Qualified on call');
    expect(pursuit.proposals.map((p: any) => [p.version, p.status, p.sla.status])).toEqual([
      [1, 'SUPERSEDED', 'MET'],
      [2, 'ACCEPTED', 'MET'],
    ]);
    expect(pursuit.candidate).toMatchObject({
      status: 'PROMOTED',
      sla: { kind: 'TRIAGE', status: 'MET' },
      signals: [{ summary: 'Initech wants a TPS report audit' }, { summary: 'Initech filled the contact form' }],
    });
    expect(pursuit.sla).toEqual({ kind: 'PROPOSAL', status: 'MET' });

    // Every event is in the outbox, then published — per object in sequence order, within a second.
    await waitFor(async () => (await outbox()).every((row) => row.status === 'PUBLISHED'));
    const rows = await outbox();
    const types = rows.map((r) => r.type);
    expect(types.filter((t) => t === 'PursuitStageChanged')).toHaveLength(5);
    expect(types.filter((t) => t === 'CandidateStatusChanged')).toHaveLength(3);
    expect(types.filter((t) => t === 'ProposalSent')).toHaveLength(2);
    expect(types.filter((t) => t === 'PursuitWon')).toHaveLength(1);
    expect(types.filter((t) => t === 'SlaStatusChanged').length).toBeGreaterThanOrEqual(3);
    await waitFor(async () => received.length >= rows.length);
    expect(new Set(received.map((r) => r.event.id))).toEqual(new Set(rows.map((r) => r.id)));
    const byAggregate = new Map<string, number[]>();
    for (const { event } of received) byAggregate.set(event.aggregateId, [...(byAggregate.get(event.aggregateId) ?? []), event.seq]);
    for (const seqs of byAggregate.values()) expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const stageEvents = received.filter((r) => r.event.type === 'PursuitStageChanged').map((r) => [r.event.payload.from, r.event.payload.to]);
    expect(stageEvents).toEqual([
      [null, 'QUALIFY'],
      ['QUALIFY', 'PINK'],
      ['PINK', 'RED'],
      ['RED', 'SUBMITTED'],
      ['SUBMITTED', 'WON'],
    ]);
    expect(received.find((r) => r.event.type === 'PursuitWon')!.event.payload).toMatchObject({
      pursuitId: id,
      value: { amount: '125000.00', currency: 'EUR' },
    });
  });
});

describe('across subgraphs and templates', () => {
  test("a candidate's client and contact come from CRM; a client's pursuits from workstream", async () => {
    const contact = await mutate(graph, 'createContact', { firstName: 'Peter', lastName: 'Gibbons', email: 'peter@initrode.example' }, 'contact { id }');
    const client = await mutate(graph, 'createClient', { name: 'Initrode' }, 'client { id }');
    const signal = await mutate(
      graph,
      'createSignal',
      { source: 'WEB', summary: 'Peter asked for a call', clientId: client.client.id, contactId: contact.contact.id },
      'candidate { id }',
    );
    const data = await gql(graph, 'query($id: ID!) { candidate(id: $id) { client { name } contact { displayName email } } }', { id: signal.candidate.id });
    expect(data.candidate).toEqual({ client: { name: 'Initrode' }, contact: { displayName: 'Peter Gibbons', email: 'peter@initrode.example' } });
  });

  test('an ADMIN sets the checklist template; pursuits promoted afterwards receive it, earlier ones keep theirs', async () => {
    const before = await gql(graph, '{ checklistTemplate { stage label required } }');
    expect(before.checklistTemplate.filter((i: any) => i.stage === 'PINK').map((i: any) => i.label)).toEqual([
      'Qualification call held',
      'Budget confirmed',
      'Decision maker identified',
    ]);
    const set = await mutate(
      graph,
      'setChecklistTemplate',
      { stage: 'PINK', items: [{ label: 'Scope agreed' }, { label: 'Nice to have', required: false }] },
      'items { stage label required }',
    );
    expect(set.items.filter((i: any) => i.stage === 'PINK')).toEqual([
      { stage: 'PINK', label: 'Scope agreed', required: true },
      { stage: 'PINK', label: 'Nice to have', required: false },
    ]);
    const other = await graph.query({ org: 'globex', query: '{ checklistTemplate { stage label } }' });
    expect(other.body.data.checklistTemplate.map((i: any) => i.label)).toContain('Budget confirmed');
    const client = await mutate(graph, 'createClient', { name: 'Template Co' }, 'client { id }');
    const signal = await mutate(graph, 'createSignal', { source: 'WEB', summary: 'Template test', clientId: client.client.id }, 'candidate { id }');
    await mutate(graph, 'triageCandidate', { id: signal.candidate.id, status: 'TRIAGED' }, 'candidate { id }');
    const promoted = await mutate(
      graph,
      'promoteCandidate',
      { id: signal.candidate.id, name: 'Template pursuit' },
      'pursuit { checklist { stage label required } }',
    );
    expect(promoted.pursuit.checklist.filter((i: any) => i.stage === 'PINK').map((i: any) => i.label)).toEqual(['Scope agreed', 'Nice to have']);
    const dup = await gql(
      graph,
      'mutation { setChecklistTemplate(input: { stage: RED, items: [{ label: "A" }, { label: "a" }] }) { userErrors { field code } } }',
    );
    expect(dup.setChecklistTemplate.userErrors).toEqual([{ field: ['input', 'items'], code: 'INVALID_INPUT' }]);
  });
});

async function outbox(): Promise<{ id: string; type: string; status: string }[]> {
  const client = new pg.Client({ connectionString: graph.db.ownerUrl });
  await client.connect();
  try {
    return (await client.query('select id, type, status from workstream.outbox_event order by occurred_at, id')).rows;
  } finally {
    await client.end();
  }
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
