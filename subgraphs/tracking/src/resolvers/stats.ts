import { sql } from 'kysely';
import type { Kysely } from 'kysely';

export interface StatsKey {
  by: 'message' | 'contact' | 'pursuit' | 'proposal';
  id: string;
  includeBots: boolean;
}

export interface StatsValue {
  opens: number;
  uniqueOpens: number;
  machineOpens: number;
  clicks: number;
  uniqueClicks: number;
  botHits: number;
  firstOpenAt: Date | null;
  lastOpenAt: Date | null;
}

const EMPTY: StatsValue = { opens: 0, uniqueOpens: 0, machineOpens: 0, clicks: 0, uniqueClicks: 0, botHits: 0, firstOpenAt: null, lastOpenAt: null };
const COLUMN = { message: sql.ref('m.id'), contact: sql.ref('m.contact_id'), pursuit: sql.ref('m.pursuit_id'), proposal: sql.ref('m.proposal_id') } as const;

/**
 * The counts, one statement per kind of subject and bot setting, however many subjects: what a page of
 * contacts or pursuits with their stats costs does not grow with the page. A hit counts when it is
 * neither a bot nor a machine open, unless bots are asked for; machine opens and bot hits are always
 * given apart. Unique opens are messages opened; unique clicks are distinct links clicked per message.
 */
export async function engagementStatsFor(db: Kysely<any>, orgId: string, wanted: readonly StatsKey[]): Promise<StatsValue[]> {
  const groups = new Map<string, StatsKey[]>();
  for (const key of wanted) groups.set(`${key.by}:${key.includeBots}`, [...(groups.get(`${key.by}:${key.includeBots}`) ?? []), key]);
  const found = new Map<string, StatsValue>();
  for (const keys of groups.values()) {
    const { by, includeBots } = keys[0]!;
    const counted = includeBots ? sql`true` : sql`not h.is_bot and not h.machine`;
    const { rows } = await sql<{
      key: string;
      opens: string;
      unique_opens: string;
      machine_opens: string;
      clicks: string;
      unique_clicks: string;
      bot_hits: string;
      first_open_at: Date | null;
      last_open_at: Date | null;
    }>`select ${COLUMN[by]}::text as key,
         count(*) filter (where h.kind = 'OPEN' and ${counted}) as opens,
         count(distinct h.message_id) filter (where h.kind = 'OPEN' and ${counted}) as unique_opens,
         count(*) filter (where h.kind = 'OPEN' and h.machine and not h.is_bot) as machine_opens,
         count(*) filter (where h.kind = 'CLICK' and ${counted}) as clicks,
         count(distinct (h.message_id, h.link_position)) filter (where h.kind = 'CLICK' and ${counted}) as unique_clicks,
         count(*) filter (where h.is_bot) as bot_hits,
         min(h.at) filter (where h.kind = 'OPEN' and ${counted}) as first_open_at,
         max(h.at) filter (where h.kind = 'OPEN' and ${counted}) as last_open_at
       from tracking.tracked_message m
       join tracking.tracking_hit h on h.org_id = m.org_id and h.message_id = m.id
       where m.org_id = ${orgId} and ${COLUMN[by]} in (${sql.join(keys.map((k) => k.id))})
       group by 1`.execute(db);
    for (const row of rows)
      found.set(`${by}:${includeBots}:${row.key}`, {
        opens: Number(row.opens),
        uniqueOpens: Number(row.unique_opens),
        machineOpens: Number(row.machine_opens),
        clicks: Number(row.clicks),
        uniqueClicks: Number(row.unique_clicks),
        botHits: Number(row.bot_hits),
        firstOpenAt: row.first_open_at ? new Date(row.first_open_at) : null,
        lastOpenAt: row.last_open_at ? new Date(row.last_open_at) : null,
      });
  }
  return wanted.map((k) => found.get(`${k.by}:${k.includeBots}:${k.id}`) ?? EMPTY);
}
