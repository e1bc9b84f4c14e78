import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { staffingSubgraph } from '@flowledger/staffing';
import { countedQueries, inOrgScope, repoRoot, uuidv7 } from '@flowledger/shared';
import { setUpTestCluster, startSubgraphUnderTest } from '@flowledger/shared/testkit';
import type { SubgraphUnderTest } from '@flowledger/shared/testkit';

/**
 * `npm run bench:staffing`: `utilization` for N staff (default 500) over 52 weeks and `skillMatch`
 * over them, through the staffing subgraph's real HTTP endpoint, with the SQL statements each issues
 * — and, as the peer in the same run, what a client without the bulk field would do: one
 * `availability` per person (aliases in one request). Also 50 staff, to show the statements do not
 * grow. Prints the median of --runs (default 7). Goal: under 200 ms each for 500 staff.
 */
const { values: args } = parseArgs({ options: { staff: { type: 'string', default: '500' }, runs: { type: 'string', default: '7' } } });
const STAFF = Number(args.staff);
const RUNS = Number(args.runs);
const lines: string[] = [];
const say = (line: string) => {
  lines.push(line);
  process.stdout.write(`[bench:staffing] ${line}\n`);
};

const FROM = '2026-01-05';
const TO = '2027-01-03'; // 52 ISO weeks
const SKILLS = 20;

/** N people with 4 skills each, a week off each, three assignments each over the year: written in one transaction. */
async function fixture(staffing: SubgraphUnderTest, orgId: string, count: number): Promise<{ staffIds: string[]; skillIds: string[] }> {
  return inOrgScope(staffing.orm, orgId, async (em) => {
    const skillIds = Array.from({ length: SKILLS }, () => uuidv7());
    await em.execute(
      `insert into staffing.skill (id, org_id, name) select unnest(string_to_array(?, ',')::uuid[]), ?, 'Skill ' || generate_series(1, ${SKILLS})`,
      [skillIds.join(','), orgId],
    );
    const card = uuidv7();
    const version = uuidv7();
    await em.execute(`insert into staffing.rate_card (id, org_id, name, currency) values (?, ?, 'Bench ' || ?, 'EUR')`, [card, orgId, card]);
    await em.execute(
      `insert into staffing.rate_card_version (id, org_id, rate_card_id, version, effective_from, status, published_at) values (?, ?, ?, 1, '2026-01-01', 'PUBLISHED', now())`,
      [version, orgId, card],
    );
    const staffIds = Array.from({ length: count }, () => uuidv7());
    await em.execute(
      `insert into staffing.staff_member (id, org_id, name, email, role) select id, ?, 'Person ' || n, 'p' || n || '-' || ? || '@bench.example', 'CONSULTANT' from unnest(string_to_array(?, ',')::uuid[]) with ordinality as t(id, n)`,
      [orgId, orgId, staffIds.join(',')],
    );
    await em.execute(
      `insert into staffing.staff_skill (id, org_id, staff_id, skill_id, level)
       select gen_random_uuid(), ?, s.id, (string_to_array(?, ',')::uuid[])[1 + (s.n * 7 + k * 3) % ${SKILLS}], 1 + (s.n + k) % 5
       from unnest(string_to_array(?, ',')::uuid[]) with ordinality as s(id, n), generate_series(0, 3) k`,
      [orgId, skillIds.join(','), staffIds.join(',')],
    );
    await em.execute(
      `insert into staffing.time_off (id, org_id, staff_id, start_date, end_date) select gen_random_uuid(), ?, id, date '2026-03-02' + ((n % 40) * 7)::int, date '2026-03-06' + ((n % 40) * 7)::int from unnest(string_to_array(?, ',')::uuid[]) with ordinality as t(id, n)`,
      [orgId, staffIds.join(',')],
    );
    await em.execute(
      `insert into staffing.assignment (id, org_id, staff_id, engagement_id, role, allocation_percent, hours_per_week, start_date, end_date, rate_card_id, rate_card_version_id, rate_card_version, rate_effective_from, bill_rate, cost_rate, currency)
       select gen_random_uuid(), ?, s.id, gen_random_uuid(), 'CONSULTANT', case when k = 1 then null else 20 + 10 * k end, case when k = 1 then 16 else null end,
              date '2026-01-05' + k * 90, date '2026-01-05' + k * 90 + 120, ?, ?, 1, '2026-01-01', 100, 50, 'EUR'
       from unnest(string_to_array(?, ',')::uuid[]) s(id), generate_series(0, 2) k`,
      [orgId, card, version, staffIds.join(',')],
    );
    return { staffIds, skillIds };
  });
}

async function measure(staffing: SubgraphUnderTest, org: 'acme' | 'globex', query: string, variables: Record<string, unknown> = {}) {
  const times: number[] = [];
  let statements = 0;
  for (let i = 0; i < RUNS + 1; i++) {
    const before = countedQueries('staffing');
    const started = performance.now();
    const { body } = await staffing.query({ org, query, variables });
    const elapsed = performance.now() - started;
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    statements = countedQueries('staffing') - before;
    if (i > 0) times.push(elapsed); // the first run warms up
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, statements };
}

async function main(): Promise<void> {
  const teardown = await setUpTestCluster([staffingSubgraph]);
  const staffing = await startSubgraphUnderTest(staffingSubgraph, { workers: false });
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    const big = await fixture(staffing, staffing.context('acme').orgId, STAFF);
    const small = await fixture(staffing, staffing.context('globex').orgId, Math.max(1, Math.round(STAFF / 10)));
    say(
      `commit ${commit}; NODE_ENV ${process.env.NODE_ENV ?? 'development'}; ${STAFF} staff (and ${small.staffIds.length} in another organisation), 4 skills, 3 assignments and a week off each; median of ${RUNS} runs`,
    );
    const UTILIZATION = `query { utilization(from: "${FROM}", to: "${TO}") { staffMember { id } allocatedHours weeks { week capacityHours allocatedHours overAllocated } } }`;
    const MATCH = `query($skills: [ID!]!) { skillMatch(input: { requirements: [{ skillId: "SKILL0", minLevel: 2 }, { skillId: "SKILL1", minLevel: 3 }], from: "2026-06-01", to: "2026-08-31", first: 20 }) { staffMember { id name } score explanation { coverage availability } } }`;
    const match = (skills: string[]) => MATCH.replace('SKILL0', skills[0]!).replace('SKILL1', skills[1]!).replace('($skills: [ID!]!)', '');
    const peer = (ids: string[]) =>
      `query { ${ids.map((id, i) => `p${i}: availability(staffId: "${id}", from: "${FROM}", to: "${TO}") { week capacityHours allocatedHours overAllocated }`).join(' ')} }`;
    const u = await measure(staffing, 'acme', UTILIZATION);
    const uSmall = await measure(staffing, 'globex', UTILIZATION);
    const m = await measure(staffing, 'acme', match(big.skillIds));
    const mSmall = await measure(staffing, 'globex', match(small.skillIds));
    const p = await measure(staffing, 'acme', peer(big.staffIds));
    say(
      `utilization, ${STAFF} staff × 52 weeks: ${u.ms.toFixed(0)} ms, ${u.statements} SQL statements (${small.staffIds.length} staff: ${uSmall.ms.toFixed(0)} ms, ${uSmall.statements} statements)`,
    );
    say(
      `skillMatch over ${STAFF} staff: ${m.ms.toFixed(0)} ms, ${m.statements} SQL statements (${small.staffIds.length} staff: ${mSmall.ms.toFixed(0)} ms, ${mSmall.statements} statements)`,
    );
    say(
      `peer: ${STAFF} × availability(staffId) in one request: ${p.ms.toFixed(0)} ms, ${p.statements} SQL statements; utilization is ${(p.ms / u.ms).toFixed(1)}× faster`,
    );
    say(
      `goal under 200 ms each: utilization ${u.ms < 200 ? 'met' : 'NOT met'}, skillMatch ${m.ms < 200 ? 'met' : 'NOT met'}; statements independent of staff count: ${u.statements === uSmall.statements && m.statements === mSmall.statements}`,
    );
    const dir = join(repoRoot, 'bench/results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `staffing-${new Date().toISOString().slice(0, 10)}-${commit}.txt`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    say(`written to ${file}`);
  } finally {
    await staffing.close();
    await teardown();
  }
}

await main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`[bench:staffing] failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
