import { inOrgScope, referencesReadFromTheirOwner } from '@flowledger/shared';
import type { OrgContext, Orm } from '@flowledger/shared';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Assignment, RateCard, StaffMember } from '../entities/index.ts';
import { addDays, weekStartOf } from '../domain/calendar.ts';
import { addTimeOff } from '../use-cases/add-time-off.ts';
import { assignStaff } from '../use-cases/assign-staff.ts';
import { createRateCard } from '../use-cases/create-rate-card.ts';
import { createRateCardVersion } from '../use-cases/create-rate-card-version.ts';
import { createSkill } from '../use-cases/create-skill.ts';
import { createStaffMember } from '../use-cases/create-staff-member.ts';
import { publishRateCardVersion } from '../use-cases/publish-rate-card-version.ts';
import { setStaffSkill } from '../use-cases/set-staff-skill.ts';

const SKILLS = [
  ['Data engineering', 'Technology'],
  ['Cloud architecture', 'Technology'],
  ['SAP S/4HANA', 'ERP'],
  ['Change management', 'Advisory'],
  ['Financial modelling', 'Advisory'],
  ['Project management', 'Delivery'],
  ['UX research', 'Design'],
  ['Machine learning', 'Technology'],
] as const;

// name, role, capacity, skills as [index, level]
const STAFF: [string, string, string, [number, number][]][] = [
  [
    'Alice Archer',
    'PRINCIPAL',
    '40',
    [
      [1, 5],
      [0, 4],
      [5, 4],
    ],
  ],
  [
    'Ben Brooks',
    'SENIOR_CONSULTANT',
    '40',
    [
      [0, 5],
      [7, 3],
    ],
  ],
  [
    'Chloe Chen',
    'CONSULTANT',
    '40',
    [
      [2, 4],
      [5, 3],
    ],
  ],
  [
    'Dev Desai',
    'CONSULTANT',
    '32',
    [
      [4, 4],
      [3, 3],
    ],
  ],
  [
    'Elena Estrada',
    'SENIOR_CONSULTANT',
    '40',
    [
      [3, 5],
      [5, 4],
    ],
  ],
  [
    'Farid Fahmy',
    'ANALYST',
    '40',
    [
      [0, 2],
      [4, 3],
    ],
  ],
  [
    'Grace Green',
    'PRINCIPAL',
    '36',
    [
      [2, 5],
      [3, 4],
    ],
  ],
  [
    'Hugo Hall',
    'CONSULTANT',
    '40',
    [
      [1, 3],
      [0, 3],
    ],
  ],
  [
    'Iris Ito',
    'ANALYST',
    '40',
    [
      [6, 4],
      [3, 2],
    ],
  ],
  [
    'Jonas Jung',
    'SENIOR_CONSULTANT',
    '40',
    [
      [7, 5],
      [0, 4],
    ],
  ],
  ['Kara Klein', 'CONSULTANT', '24', [[6, 5]]],
  [
    'Liam Lopez',
    'ANALYST',
    '40',
    [
      [4, 2],
      [5, 2],
    ],
  ],
  [
    'Mia Moreau',
    'CONSULTANT',
    '40',
    [
      [2, 3],
      [1, 2],
    ],
  ],
  [
    'Noah Novak',
    'SENIOR_CONSULTANT',
    '40',
    [
      [5, 5],
      [3, 3],
    ],
  ],
  [
    'Olivia Ortiz',
    'CONSULTANT',
    '40',
    [
      [1, 4],
      [7, 2],
    ],
  ],
  ['Pavel Petrov', 'ANALYST', '40', [[0, 3]]],
];

const RATES = (factor: number) =>
  [
    ['PRINCIPAL', 250, 120],
    ['SENIOR_CONSULTANT', 180, 90],
    ['CONSULTANT', 140, 70],
    ['ANALYST', 95, 50],
  ].map(([role, bill, cost]) => ({ role: role as string, billRate: (Number(bill) * factor).toFixed(2), costRate: (Number(cost) * factor).toFixed(2) }));

/**
 * acme's demo staff through the real use cases: 16 people with skills and levels, time off, two rate
 * cards with two published versions each, assignments on the open pursuits given, and one person
 * (Alice Archer) over-allocated this week and next. Skipped for an organisation that already has staff.
 */
export async function seedStaffing(options: { staffing: Orm; orgId: string; adminId: string; pursuitIds: readonly string[]; now?: Date }): Promise<void> {
  const now = options.now ?? new Date();
  const org: OrgContext = { orgId: options.orgId, actor: { type: 'user', id: options.adminId }, roles: ['ADMIN'], requestId: 'seed' };
  const run = <T>(work: (em: EntityManager) => Promise<T>) => inOrgScope(options.staffing, options.orgId, work);
  const call = <I, R>(
    useCase: (o: { em: EntityManager; org: OrgContext; now: Date; references: typeof referencesReadFromTheirOwner; input: I }) => Promise<R>,
    input: I,
  ) => run((em) => useCase({ em, org, now, references: referencesReadFromTheirOwner, input }));
  if ((await run((em) => em.count(StaffMember, {}))) > 0) return;
  const year = now.toISOString().slice(0, 4);
  const monday = weekStartOf(now.toISOString().slice(0, 10));

  const skillIds: string[] = [];
  for (const [name, category] of SKILLS) skillIds.push((await call(createSkill, { name, category })).skill!.id);
  const cards: string[] = [];
  for (const [name, factor] of [
    ['Standard', 1],
    ['Public sector', 0.85],
  ] as const) {
    const created = await call(createRateCard, { name, currency: 'EUR', effectiveFrom: `${year}-01-01`, rates: RATES(factor) });
    await call(publishRateCardVersion, { versionId: created.version!.id });
    const next = await call(createRateCardVersion, { rateCardId: created.rateCard!.id, effectiveFrom: `${year}-07-01`, rates: RATES(factor * 1.05) });
    await call(publishRateCardVersion, { versionId: next.version!.id });
    cards.push(created.rateCard!.id);
  }
  const staffIds: string[] = [];
  for (const [i, [name, role, capacity, skills]] of STAFF.entries()) {
    const email = `${name.split(' ')[0]!.toLowerCase()}@acme.example`;
    const staff = (await call(createStaffMember, { name, email, role, weeklyCapacityHours: capacity, title: role.replace('_', ' ').toLowerCase() }))
      .staffMember!;
    staffIds.push(staff.id);
    for (const [skill, level] of skills)
      await call(setStaffSkill, {
        staffId: staff.id,
        skillId: skillIds[skill]!,
        level,
        lastUsed: addDays(monday, -30 * (i % 4)),
        // One expired certification: Pavel's data engineering no longer counts in matching.
        certifiedUntil: name === 'Pavel Petrov' ? addDays(monday, -10) : null,
      });
  }
  await call(addTimeOff, { staffId: staffIds[2]!, startDate: addDays(monday, 7), endDate: addDays(monday, 11), reason: 'Holiday' });
  await call(addTimeOff, { staffId: staffIds[4]!, startDate: addDays(monday, 2), endDate: addDays(monday, 2), hoursPerDay: '4', reason: 'Training' });
  const pursuits = options.pursuitIds;
  for (const [i, staffId] of staffIds.slice(0, 10).entries()) {
    const pursuitId = pursuits[i % Math.max(pursuits.length, 1)];
    if (!pursuitId) break;
    await call(assignStaff, {
      staffId,
      pursuitId,
      rateCardId: cards[i % 2]!,
      allocationPercent: i % 3 === 0 ? null : String(40 + (i % 4) * 15),
      hoursPerWeek: i % 3 === 0 ? '16' : null,
      startDate: addDays(monday, -7),
      endDate: addDays(monday, 41),
    });
  }
  // Alice on a second pursuit at 30 hours a week on top of 16: over-allocated for two weeks.
  if (pursuits[1])
    await call(assignStaff, {
      staffId: staffIds[0]!,
      pursuitId: pursuits[1],
      rateCardId: cards[0]!,
      hoursPerWeek: '30',
      startDate: monday,
      endDate: addDays(monday, 11),
    });
}

/**
 * Delivery teams for the demo's engagements (billing's, opened from won pursuits): the first three
 * people on the Standard card, from six weeks ago to eight weeks ahead. Idempotent per engagement.
 */
export async function seedDeliveryTeams(options: {
  staffing: Orm;
  orgId: string;
  adminId: string;
  engagementIds: readonly string[];
  now?: Date;
}): Promise<void> {
  const now = options.now ?? new Date();
  const org: OrgContext = { orgId: options.orgId, actor: { type: 'user', id: options.adminId }, roles: ['ADMIN'], requestId: 'seed' };
  const monday = weekStartOf(now.toISOString().slice(0, 10));
  await inOrgScope(options.staffing, options.orgId, async (em) => {
    const card = await em.findOne(RateCard, { name: 'Standard' });
    const people = await em.find(StaffMember, {}, { orderBy: { name: 'asc' }, limit: 3 });
    if (!card) return;
    for (const engagementId of options.engagementIds) {
      if ((await em.count(Assignment, { engagementId })) > 0) continue;
      for (const person of people)
        await assignStaff({
          em,
          org,
          now,
          references: referencesReadFromTheirOwner,
          input: {
            staffId: person.id,
            engagementId,
            rateCardId: card.id,
            allocationPercent: '20',
            startDate: addDays(monday, -42),
            endDate: addDays(monday, 56),
          },
        });
    }
  });
}
