import { inOrgScope, referencesReadFromTheirOwner } from '@flowledger/shared';
import type { OrgContext, Orm } from '@flowledger/shared';
import { Candidate, ChecklistItem } from '../entities/index.ts';
import type { PursuitStage } from '../domain/pursuit-stage.ts';
import { completeChecklistItem } from '../use-cases/complete-checklist-item.ts';
import { createSignal } from '../use-cases/create-signal.ts';
import { promoteCandidate } from '../use-cases/promote-candidate.ts';
import { createProposal } from '../use-cases/create-proposal.ts';
import { sendProposal } from '../use-cases/send-proposal.ts';
import { transitionPursuit } from '../use-cases/transition-pursuit.ts';
import { triageCandidate } from '../use-cases/triage-candidate.ts';
import { runSlaScheduler } from '../workers/run-sla-scheduler.ts';

interface DemoOrg {
  id: string;
  users: readonly { id: string; role: string }[];
}

const HOUR = 3_600_000;
const PATH: PursuitStage[] = ['PINK', 'RED', 'SUBMITTED'];

/**
 * Demo work through the real use cases, with times in the past: acme gets candidates in every status
 * and pursuits in every stage, and the scheduler then finds some clocks AT_RISK and BREACHED.
 * Skipped for an organisation that already has candidates, so it runs on every start harmlessly.
 */
export async function seedWorkstream(options: {
  workstream: Orm;
  system: Orm;
  clients: Record<'acme' | 'globex', string[]>;
  acme: DemoOrg;
  globex: DemoOrg;
  now?: Date;
}): Promise<void> {
  const now = options.now ?? new Date();
  await seedOrg(options.workstream, options.acme, options.clients.acme, now, 'full');
  await seedOrg(options.workstream, options.globex, options.clients.globex, now, 'small');
  // The scheduler claims clocks across organisations: only the system scope's role may.
  await runSlaScheduler({ orm: options.system, now });
}

async function seedOrg(orm: Orm, org: DemoOrg, clients: string[], now: Date, size: 'full' | 'small'): Promise<void> {
  const admin = org.users[0]!;
  const member = org.users.find((u) => u.role === 'MEMBER') ?? admin;
  const context: OrgContext = { orgId: org.id, actor: { type: 'user', id: admin.id }, roles: ['ADMIN'], requestId: 'seed' };
  const run = <T>(work: Parameters<typeof inOrgScope<T>>[2]) => inOrgScope(orm, org.id, work);
  if ((await run((em) => em.count(Candidate, {}))) > 0) return;
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);
  let n = 0;
  const signal = (summary: string, hoursAgo: number, priority: 'URGENT' | 'HIGH' | 'MEDIUM' | 'LOW', tags: string[] = []) =>
    run(async (em) => {
      const clientId = clients[n++ % Math.max(clients.length, 1)] ?? null;
      const result = await createSignal({
        em,
        org: context,
        references: referencesReadFromTheirOwner,
        now: at(hoursAgo),
        input: { source: 'WEB', summary, clientId, receivedAt: at(hoursAgo), priority, tags, externalId: `seed-${n}` },
      });
      return result.candidate!.id;
    });
  const triage = (id: string, status: 'TRIAGED' | 'NURTURE' | 'DISMISSED', hoursAgo: number) =>
    run((em) =>
      triageCandidate({ em, org: context, references: referencesReadFromTheirOwner, now: at(hoursAgo), input: { id, status, assigneeId: member.id } }),
    );

  // Candidates in every status; two NEW ones past their triage window (one AT_RISK, one BREACHED).
  await signal('Website enquiry: data platform audit', 30, 'HIGH', ['inbound']);
  await signal('Referral: ERP migration', 20, 'URGENT', ['referral']);
  await signal('Webinar attendee asked for pricing', 1, 'LOW');
  if (size === 'small') return;
  await triage(await signal('Partner intro: cloud cost review', 10, 'MEDIUM'), 'TRIAGED', 9);
  await triage(await triage(await signal('Old lead came back', 50, 'LOW'), 'TRIAGED', 49).then((r) => r.candidate!.id), 'NURTURE', 48);
  await triage(await triage(await signal('Student project request', 40, 'LOW'), 'TRIAGED', 39).then((r) => r.candidate!.id), 'DISMISSED', 38);

  // Pursuits in every stage.
  const stages: { name: string; target: PursuitStage | 'QUALIFY'; amount: string; promotedHoursAgo: number }[] = [
    { name: 'Data platform audit', target: 'QUALIFY', amount: '48000.00', promotedHoursAgo: 130 },
    { name: 'ERP migration phase 1', target: 'PINK', amount: '250000.00', promotedHoursAgo: 100 },
    { name: 'Cloud cost review', target: 'RED', amount: '36500.50', promotedHoursAgo: 60 },
    { name: 'Security assessment', target: 'SUBMITTED', amount: '92000.00', promotedHoursAgo: 50 },
    { name: 'Analytics retainer', target: 'WON', amount: '120000.00', promotedHoursAgo: 300 },
    { name: 'Warehouse redesign', target: 'LOST', amount: '75000.00', promotedHoursAgo: 200 },
  ];
  for (const plan of stages) {
    const candidateId = await signal(`Lead: ${plan.name}`, plan.promotedHoursAgo + 2, 'HIGH', ['pipeline']);
    await triage(candidateId, 'TRIAGED', plan.promotedHoursAgo + 1);
    const promoted = await run((em) =>
      promoteCandidate({
        em,
        org: context,
        references: referencesReadFromTheirOwner,
        now: at(plan.promotedHoursAgo),
        input: { id: candidateId, name: plan.name, value: { amount: plan.amount, currency: 'EUR' } },
      }),
    );
    let pursuit = promoted.pursuit!;
    const path =
      plan.target === 'QUALIFY' ? [] : plan.target === 'WON' || plan.target === 'LOST' ? [...PATH, plan.target] : PATH.slice(0, PATH.indexOf(plan.target) + 1);
    let hoursAgo = plan.promotedHoursAgo;
    for (const to of path) {
      hoursAgo -= 4;
      if (to === 'SUBMITTED' || to === 'WON' || to === 'LOST')
        await completeChecklist(orm, org.id, context, pursuit.id, to === 'SUBMITTED' ? 'PINK' : 'RED', at(hoursAgo));
      if (to === 'SUBMITTED') {
        await run(async (em) => {
          const proposal = await createProposal({
            em,
            org: context,
            references: referencesReadFromTheirOwner,
            now: at(hoursAgo),
            input: { pursuitId: pursuit.id, title: `${plan.name} proposal` },
          });
          await sendProposal({ em, org: context, references: referencesReadFromTheirOwner, now: at(hoursAgo), input: { id: proposal.proposal!.id } });
        });
      }
      const moved = await run((em) =>
        transitionPursuit({
          em,
          org: context,
          references: referencesReadFromTheirOwner,
          now: at(hoursAgo),
          input: { id: pursuit.id, to, expectedVersion: pursuit.version, lostReason: to === 'LOST' ? 'Budget moved to next year' : null },
        }),
      );
      pursuit = moved.pursuit!;
    }
  }
}

async function completeChecklist(orm: Orm, orgId: string, context: OrgContext, pursuitId: string, stage: 'PINK' | 'RED', at: Date): Promise<void> {
  const items = await inOrgScope(orm, orgId, (em) => em.find(ChecklistItem, { pursuitId, stage }));
  for (const item of items)
    await inOrgScope(orm, orgId, (em) =>
      completeChecklistItem({ em, org: context, references: referencesReadFromTheirOwner, now: at, input: { id: item.id } }),
    );
}
