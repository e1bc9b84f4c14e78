import { sql } from 'kysely';
import { z } from 'zod';
import { badUserInput } from '@flowledger/shared';
import { trackingReads } from '../loaders.ts';
import type { Context } from '../context.ts';

const id = z.uuid('is not a valid id');
const timelineArgs = z.object({
  subject: z
    .object({ messageId: id.nullish(), contactId: id.nullish(), pursuitId: id.nullish(), proposalId: id.nullish() })
    .refine((s) => Object.values(s).filter(Boolean).length === 1, 'name exactly one of messageId, contactId, pursuitId, proposalId'),
  bucket: z.enum(['HOUR', 'DAY']),
  includeBots: z.boolean().nullish(),
});

const COLUMN = {
  messageId: sql.ref('m.id'),
  contactId: sql.ref('m.contact_id'),
  pursuitId: sql.ref('m.pursuit_id'),
  proposalId: sql.ref('m.proposal_id'),
} as const;

/** Opens and clicks by UTC hour or day for one subject, in one statement; bots and machine opens apart unless asked for. */
export async function engagementTimeline(_: unknown, args: unknown, ctx: Context) {
  const parsed = timelineArgs.safeParse(args);
  if (!parsed.success) throw badUserInput(parsed.error);
  const { subject, bucket, includeBots } = parsed.data;
  const [key, value] = Object.entries(subject).find(([, v]) => v) as [keyof typeof COLUMN, string];
  const counted = includeBots ? sql`true` : sql`not h.is_bot and not h.machine`;
  const unit = bucket === 'HOUR' ? sql.lit('hour') : sql.lit('day');
  const { rows } = await sql<{ start: Date; opens: string; machine_opens: string; clicks: string }>`
    select date_trunc(${unit}, h.at, 'UTC') as start,
      count(*) filter (where h.kind = 'OPEN' and ${counted}) as opens,
      count(*) filter (where h.kind = 'OPEN' and h.machine and not h.is_bot) as machine_opens,
      count(*) filter (where h.kind = 'CLICK' and ${counted}) as clicks
    from tracking.tracked_message m join tracking.tracking_hit h on h.org_id = m.org_id and h.message_id = m.id
    where m.org_id = ${ctx.org.orgId} and ${COLUMN[key]} = ${value}
    group by 1 order by 1 limit 1000`.execute(trackingReads(ctx.em));
  return rows.map((r) => ({ start: new Date(r.start), opens: Number(r.opens), machineOpens: Number(r.machine_opens), clicks: Number(r.clicks) }));
}
