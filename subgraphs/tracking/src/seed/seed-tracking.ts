import { inOrgScope, recordEvent, referencesReadFromTheirOwner, uuidv7 } from '@flowledger/shared';
import type { OrgContext, Orm } from '@flowledger/shared';
import { scoreHit } from '../domain/hit-score.ts';
import { TrackedMessage, TrackingHit } from '../entities/index.ts';
import { registerMessage } from '../use-cases/register-message.ts';

export interface SeedMail {
  contactId: string;
  pursuitId: string;
  proposalId: string | null;
  subject: string;
}

const PEOPLE = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0',
];

/**
 * The demo's tracked mail: one message per given pursuit (its proposal when it has one), sent over the
 * last days, with people's opens and clicks, an Apple Mail Privacy open, a Gmail proxy fetch and a
 * security scanner that opens and clicks everything seconds after the send — scored by the same rules
 * as live hits. First human opens are stamped with their EngagementRecorded, so the workstream's
 * proposals show when they were first viewed once it catches up. Idempotent.
 */
export async function seedTracking(options: { tracking: Orm; orgId: string; adminId: string; mails: SeedMail[]; now?: Date }): Promise<void> {
  const now = options.now ?? new Date();
  const org: OrgContext = { orgId: options.orgId, actor: { type: 'user', id: options.adminId }, roles: ['ADMIN'], requestId: 'seed' };
  await inOrgScope(options.tracking, options.orgId, async (em) => {
    if ((await em.count(TrackedMessage, {})) > 0) return;
    for (const [i, mail] of options.mails.entries()) {
      const sentAt = new Date(now.getTime() - (i + 1) * 26 * 3_600_000);
      const made = await registerMessage({
        em,
        org,
        now,
        references: referencesReadFromTheirOwner,
        input: { ...mail, sentAt, links: ['https://acme.example/proposals/view', 'https://acme.example/case-studies'] },
      });
      const message = made.trackedMessage!;
      const hits: { kind: 'OPEN' | 'CLICK'; after: number; ua: string; ip: string; position?: number }[] = [
        // A security scanner: everything, within seconds.
        { kind: 'OPEN', after: 2, ua: 'Mozilla/5.0 (compatible; proofpoint-urldefense)', ip: '148.163.130.7' },
        { kind: 'CLICK', after: 3, ua: 'Mozilla/5.0 (compatible; proofpoint-urldefense)', ip: '148.163.130.7', position: 0 },
        { kind: 'CLICK', after: 3, ua: 'Mozilla/5.0 (compatible; proofpoint-urldefense)', ip: '148.163.130.7', position: 1 },
      ];
      if (i % 3 === 0) hits.push({ kind: 'OPEN', after: 60, ua: 'Mozilla/5.0', ip: '17.58.63.1' });
      if (i % 3 === 1)
        hits.push({
          kind: 'OPEN',
          after: 90,
          ua: 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)',
          ip: '66.249.84.1',
        });
      for (let n = 0; n < i % 4; n++) hits.push({ kind: 'OPEN', after: 3600 * (2 + n * 5), ua: PEOPLE[n % 2]!, ip: '203.0.113.20' });
      if (i % 2 === 0 && i % 4 > 0) hits.push({ kind: 'CLICK', after: 3600 * 2 + 40, ua: PEOPLE[0]!, ip: '203.0.113.20', position: 0 });
      let firstOpen: Date | null = null;
      const clicked = new Set<number>();
      for (const h of hits) {
        const at = new Date(sentAt.getTime() + h.after * 1000);
        if (at > now) continue;
        if (h.kind === 'CLICK') clicked.add(h.position!);
        const score = scoreHit({ kind: h.kind, userAgent: h.ua, ip: h.ip, secondsSinceSend: h.after, recentDistinctClicks: h.after < 10 ? clicked.size : 1 });
        em.create(TrackingHit, {
          id: uuidv7(at.getTime()),
          orgId: options.orgId,
          messageId: message.id,
          linkPosition: h.position ?? null,
          kind: h.kind,
          at,
          ip: h.ip,
          userAgent: h.ua,
          ...score,
        });
        if (h.kind === 'OPEN' && !score.isBot && !score.machine && !firstOpen) firstOpen = at;
      }
      if (firstOpen) {
        message.firstHumanOpenAt = firstOpen;
        message.eventSeq += 1;
        await recordEvent(em, 'tracking', {
          orgId: options.orgId,
          type: 'EngagementRecorded',
          aggregateType: 'TrackedMessage',
          aggregateId: message.id,
          seq: message.eventSeq,
          occurredAt: firstOpen,
          payload: {
            messageId: message.id,
            kind: 'FIRST_OPEN',
            contactId: mail.contactId,
            pursuitId: mail.pursuitId,
            proposalId: mail.proposalId,
            at: firstOpen.toISOString(),
          },
        });
      }
      await em.flush();
    }
  });
}
