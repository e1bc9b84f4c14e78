import Big from 'big.js';
import { formatDecimal } from '@flowledger/shared';
import { CANDIDATE_STATUSES } from '../domain/candidate-status.ts';
import { PURSUIT_STAGES } from '../domain/pursuit-stage.ts';
import type { Context } from '../context.ts';

/**
 * A column per stage: count, and per currency the exact total and probability-weighted total, summed
 * in PostgreSQL's numeric (never floats); a column per candidate status. Two statements.
 */
export async function pipelineBoard(_: unknown, __: unknown, ctx: Context) {
  const [stageRows, candidateRows] = await Promise.all([
    ctx.em.execute<{ stage: string; currency: string | null; count: number; total: string | null; weighted_x100: string | null }[]>(
      `select stage, value_currency as currency, count(*)::int as count, sum(value_amount)::text as total, sum(value_amount * probability)::text as weighted_x100
       from workstream.pursuit group by stage, value_currency`,
    ),
    ctx.em.execute<{ status: string; count: number }[]>(`select status, count(*)::int as count from workstream.candidate group by status`),
  ]);
  const columns = PURSUIT_STAGES.map((stage) => {
    const rows = stageRows.filter((row) => row.stage === stage);
    return {
      stage,
      count: rows.reduce((n, row) => n + row.count, 0),
      totals: rows
        .filter((row) => row.currency)
        .sort((a, b) => a.currency!.localeCompare(b.currency!))
        // PostgreSQL's numeric sums exactly at any length; big.js divides and prints them exactly.
        .map((row) => ({ currency: row.currency!.trim(), total: formatDecimal(row.total!), weighted: formatDecimal(new Big(row.weighted_x100!).div(100)) })),
    };
  });
  const candidates = CANDIDATE_STATUSES.map((status) => ({ status, count: candidateRows.find((row) => row.status === status)?.count ?? 0 }));
  return { columns, candidates };
}
