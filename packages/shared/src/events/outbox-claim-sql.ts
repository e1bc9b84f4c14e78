/**
 * One relay claim, as one statement (parameters: now, the stale-claim cutoff, batch size, worker id):
 * due rows of the outbox — but never an aggregate's event while an earlier one of it waits — locked
 * with SKIP LOCKED, numbered per organisation from its counter row, stamped with the claim. The rank
 * it returns is the publishing order.
 */
export function claimDueSql(schema: string): string {
  const table = `${schema}.outbox_event`;
  return `with due as (
           select id, org_id, occurred_at, aggregate_id, seq, position from ${table}
           -- Its own claims still standing are from a round that failed half-way (rounds never overlap).
           where status = 'PENDING' and next_attempt_at <= $1 and (claimed_at is null or claimed_at < $2 or claimed_by = $4)
             -- An aggregate's events leave in seq order: one waiting for its retry, or claimed by a
             -- live relay, holds back every later event of the same aggregate.
             and not exists (
               select 1 from ${table} earlier
               where earlier.aggregate_id = ${table}.aggregate_id and earlier.org_id = ${table}.org_id
                 and earlier.seq < ${table}.seq and earlier.status = 'PENDING'
                 and (earlier.next_attempt_at > $1 or (earlier.claimed_at >= $2 and earlier.claimed_by <> $4))
             )
           order by occurred_at, aggregate_id, seq
           limit $3
           for update skip locked
         ), ordered as (
           -- rank: the publishing order; n: the place of a row without a position among its organisation's.
           select id, org_id, position as kept,
                  row_number() over (order by occurred_at, aggregate_id, seq) as rank,
                  row_number() over (partition by org_id, position is null order by occurred_at, aggregate_id, seq) as n
           from due
         ), counts as (
           select org_id, count(*) as c from ordered where kept is null group by org_id
         ), bumped as (
           -- Positions count per organisation: the counter row moves by the rows this claim numbers.
           insert into ${schema}.outbox_org_position as p (org_id, last_position) select org_id, c from counts
           on conflict (org_id) do update set last_position = p.last_position + excluded.last_position
           returning p.org_id, p.last_position
         ), numbered as (
           -- A row retaken from a failed round keeps the position readers may already have seen.
           select o.id, o.rank, coalesce(o.kept, b.last_position - c.c + o.n) as position
           from ordered o left join counts c on c.org_id = o.org_id left join bumped b on b.org_id = o.org_id
         )
         update ${table} e set claimed_at = $1, claimed_by = $4, position = numbered.position from numbered where e.id = numbered.id
         returning e.id, e.position, e.org_id, e.aggregate_type, e.aggregate_id, e.seq, e.type, e.payload, e.occurred_at, e.attempts, numbered.rank`;
}
