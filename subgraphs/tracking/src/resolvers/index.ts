import { DateTimeScalar, encodeEventCursor, eventResolvers, isUuid, mutationFrom } from '@flowledger/shared';
import type { EventRow } from '@flowledger/shared';
import { z } from 'zod';
import { badUserInput } from '@flowledger/shared';
import { TOKEN_LIFETIME_DAYS } from '../domain/inputs.ts';
import { tokenText } from '../domain/tracking-token.ts';
import type { TrackedMessageRow } from '../entities/index.ts';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { trackingReads } from '../loaders.ts';
import { registerMessage } from '../use-cases/register-message.ts';
import type { Context } from '../context.ts';
import type { StatsKey } from './stats.ts';
import { engagementTimeline } from './timeline.ts';

const events = eventResolvers('tracking');

const stats = (by: StatsKey['by']) => (parent: { id: string }, args: { includeBots?: boolean | null }, ctx: Context) =>
  ctx.loaders.stats.load({ by, id: parent.id, includeBots: args.includeBots === true });

const seconds = (date: Date) => Math.floor(new Date(date).getTime() / 1000);
const lifetime = (m: TrackedMessageRow) => seconds(m.sentAt) + TOKEN_LIFETIME_DAYS * 86_400;
/** A signed tracking URL of the public routes, under the subgraph's link key. */
const trackedUrl = (ctx: Context, path: string, text: string) => ctx.links.url(`${path}${ctx.links.seal(text)}`);
const linkView = (m: TrackedMessageRow, l: { position: number; url: string }, ctx: Context) => ({
  position: l.position,
  url: l.url,
  trackedUrl: trackedUrl(
    ctx,
    '/t/c/',
    tokenText({ kind: 'CLICK', orgId: m.orgId, messageId: m.id, sentAt: seconds(m.sentAt), expiresAt: lifetime(m), position: l.position, url: l.url }),
  ),
});

const eventsArgs = z.object({
  includeBots: z.boolean().nullish(),
  first: z.number().int().min(1, 'must be 1 or more').max(200, 'must be at most 200').nullish(),
});

export const resolvers: Resolvers<Context> = {
  DateTime: DateTimeScalar,
  Query: {
    trackedMessage: (_, { id }, ctx) => (isUuid(id) ? ctx.loaders.message.load(id) : null),
    engagementTimeline,
    engagementRecordedEvent: events.lookup('EngagementRecorded'),
    engagementRecordedEvents: events.list('EngagementRecorded'),
  },
  EngagementRecordedEvent: {
    id: (e: EventRow) => e.id,
    cursor: (e: EventRow) => encodeEventCursor(e.position),
    seq: (e: EventRow) => e.seq,
    kind: (e) => e.payload.kind,
    message: async (e, _, ctx) => (await ctx.loaders.message.load(e.aggregate_id))!,
    contact: (e) => ({ id: e.payload.contactId }),
    pursuit: (e) => (e.payload.pursuitId ? { id: e.payload.pursuitId } : null),
    proposal: (e) => (e.payload.proposalId ? { id: e.payload.proposalId } : null),
    at: (e) => new Date(e.payload.at ?? e.occurred_at),
  },
  Mutation: { registerMessage: mutationFrom(registerMessage) },
  Contact: { __resolveReference: (r) => ({ id: r.id! }), engagement: stats('contact') },
  Pursuit: { __resolveReference: (r) => ({ id: r.id! }), engagementStats: stats('pursuit') },
  Proposal: { __resolveReference: (r) => ({ id: r.id! }), engagementStats: stats('proposal') },
  TrackedMessage: {
    __resolveReference: (r, ctx) => (isUuid(r.id!) ? ctx.loaders.message.load(r.id!) : null),
    contact: (m) => ({ id: m.contactId }),
    pursuit: (m) => (m.pursuitId ? { id: m.pursuitId } : null),
    proposal: (m) => (m.proposalId ? { id: m.proposalId } : null),
    pixelUrl: (m, _, ctx) =>
      trackedUrl(ctx, '/t/o/', tokenText({ kind: 'OPEN', orgId: m.orgId, messageId: m.id, sentAt: seconds(m.sentAt), expiresAt: lifetime(m) })),
    links: async (m, _, ctx) => (await ctx.loaders.linksByMessage.load(m.id)).map((l) => linkView(m, l, ctx)),
    stats: stats('message'),
    events: async (m, args, ctx) => {
      const parsed = eventsArgs.safeParse(args);
      if (!parsed.success) throw badUserInput(parsed.error);
      const [hits, links] = await Promise.all([
        trackingReads(ctx.em)
          .selectFrom('TrackingHit')
          .selectAll()
          .where('orgId', '=', ctx.org.orgId)
          .where('messageId', '=', m.id)
          .$if(parsed.data.includeBots !== true, (q) => q.where('isBot', '=', false).where('machine', '=', false))
          .orderBy('at', 'desc')
          .limit(parsed.data.first ?? 50)
          .execute(),
        ctx.loaders.linksByMessage.load(m.id),
      ]);
      return hits.map((h) => {
        const link = links.find((l) => l.position === h.linkPosition);
        return { ...h, link: link ? linkView(m, link, ctx) : null };
      });
    },
  },
};
