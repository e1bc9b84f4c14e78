import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import pg from 'pg';
import { startFullGraph } from '@flowledger/devtools/testing';
import type { FullGraph } from '@flowledger/devtools/testing';
import { DEMO } from '@flowledger/access';
import { uuidv7 } from '@flowledger/shared';
import { gql } from './workstream-helpers.ts';

let graph: FullGraph;
const EVENTS = 136;
let written: string[] = [];

/** Published stage events straight into the outbox, positions from the relay's sequence, as a relay leaves them. */
async function writePublishedEvents(count: number): Promise<string[]> {
  const owner = new pg.Client({ connectionString: graph.db.ownerUrl });
  await owner.connect();
  try {
    const aggregate = uuidv7();
    const ids = Array.from({ length: count }, () => uuidv7());
    await owner.query(
      `insert into workstream.outbox_event (id, org_id, aggregate_type, aggregate_id, seq, type, payload, occurred_at, next_attempt_at, status, published_at, position)
       select id, $1, 'Pursuit', $2, n, 'PursuitStageChanged', jsonb_build_object('to', 'PINK', 'from', 'QUALIFY'), now(), now(), 'PUBLISHED', now(), nextval('workstream.outbox_position_seq')
       from unnest($3::uuid[]) with ordinality as t(id, n) order by n`,
      [DEMO.acme.id, aggregate, ids],
    );
    return ids;
  } finally {
    await owner.end();
  }
}

beforeAll(async () => {
  graph = await startFullGraph({}, { workers: false });
  written = await writePublishedEvents(EVENTS);
});
afterAll(() => graph?.close());

const PAGE =
  'query($after: String, $first: Int) { pursuitStageEvents(after: $after, first: $first) { edges { cursor node { id seq } } pageInfo { hasNextPage endCursor } } }';

describe('catch-up lists', () => {
  test('paging through more than 100 events five at a time returns every one, once, in order', async () => {
    const seen: { id: string; seq: number }[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const data: any = await gql(graph, PAGE, { after, first: 5 });
      seen.push(...data.pursuitStageEvents.edges.map((e: any) => e.node));
      if (!data.pursuitStageEvents.pageInfo.hasNextPage) break;
      after = data.pursuitStageEvents.pageInfo.endCursor;
    }
    expect(seen.map((e) => e.id)).toEqual(written);
    expect(seen.map((e) => e.seq)).toEqual(written.map((_, i) => i + 1));
  });

  test('one page of 12 holds the first 12 events, not the ones whose positions sort first as text', async () => {
    const data = await gql(graph, PAGE, { first: 12 });
    expect(data.pursuitStageEvents.edges.map((e: any) => e.node.id)).toEqual(written.slice(0, 12));
  });

  test('first above the documented cap of 250, or below 1, is refused naming the argument', async () => {
    for (const first of [251, 0, -5]) {
      const { body } = await graph.query({ query: PAGE, variables: { first } });
      expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(body.errors[0].message).toMatch(/^first: /);
    }
  });

  test('slaBreaches refuses a first below 0 or above the cap instead of clamping it', async () => {
    for (const first of [-5, 251]) {
      const { body } = await graph.query({ query: 'query($first: Int) { slaBreaches(first: $first) { id } }', variables: { first } });
      expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(body.errors[0].message).toMatch(/^first: /);
    }
  });

  test("another organisation's list holds none of them", async () => {
    const data = await gql(graph, PAGE, { first: 250 }, 'globex');
    expect(data.pursuitStageEvents.edges).toEqual([]);
  });
});
