import { describe, expect, test } from '@jest/globals';
import { isoWeekOf, weekStartOf } from '../src/domain/calendar.ts';
import { rankCandidates } from '../src/domain/skill-match.ts';
import { utilizationOf } from '../src/domain/utilization.ts';
import { mayEdit, mayPublish, versionInEffect } from '../src/domain/rate-card-rules.ts';
import { EXPECTED, FIXTURE } from './fixtures.ts';

describe('utilization', () => {
  test('equals the hand-computed figures: partial weeks, time off, percent and hours, overlapping assignments, one week over', () => {
    expect(utilizationOf({ ...FIXTURE, staff: { ...FIXTURE.staff, workingDays: [...FIXTURE.staff.workingDays] } })).toEqual(EXPECTED);
  });

  test('ISO weeks belong to the year of their Thursday', () => {
    expect(isoWeekOf('2026-12-31')).toBe('2026-W53');
    expect(isoWeekOf('2027-01-03')).toBe('2026-W53');
    expect(isoWeekOf('2027-01-04')).toBe('2027-W01');
    expect(isoWeekOf('2025-12-29')).toBe('2026-W01');
    expect(weekStartOf('2026-12-06')).toBe('2026-11-30');
  });

  test('a day off for the whole day leaves no capacity, and time off beyond a day never goes below zero', () => {
    const figures = utilizationOf({
      staff: { weeklyCapacityHours: '16', workingDays: ['MONDAY', 'TUESDAY'] },
      timeOff: [
        { startDate: '2026-12-07', endDate: '2026-12-08', hoursPerDay: null },
        { startDate: '2026-12-08', endDate: '2026-12-08', hoursPerDay: '4' },
      ],
      allocations: [{ startDate: '2026-12-07', endDate: '2026-12-07', allocationPercent: '100', hoursPerWeek: null, billable: true }],
      from: '2026-12-07',
      to: '2026-12-13',
    });
    expect(figures.weeks[0]).toMatchObject({ capacityHours: '0.00', allocatedHours: '0.00', utilization: null, overAllocated: false });
  });
});

describe('skill match', () => {
  const A = 'skill-a';
  const B = 'skill-b';
  const person = (id: string, name: string, availability: string, skills: [string, number, string | null][]) => ({
    id,
    name,
    availability,
    skills: skills.map(([skillId, level, certifiedUntil]) => ({ skillId, level, certifiedUntil })),
  });
  const PEOPLE = [
    person('6', 'Fa', '1', [
      [A, 2, null],
      [B, 2, null],
    ]),
    person('4', 'Di', '0.5', [
      [A, 4, null],
      [B, 3, null],
    ]),
    person('2', 'Bo', '1', [
      [A, 3, null],
      [B, 4, '2026-12-01'],
    ]),
    person('5', 'Ed', '1', []),
    person('3', 'Cy', '0.5', [
      [A, 4, null],
      [B, 3, '2026-12-07'],
    ]),
    person('1', 'Ana', '1', [
      [A, 5, null],
      [B, 2, null],
    ]),
  ];
  const requirements = [
    { skillId: A, minLevel: 3 },
    { skillId: B, minLevel: 2 },
  ];

  test('ranks the fixture exactly, ties by name, with the score explained; an expired certification does not count', () => {
    const ranked = rankCandidates({ requirements, from: '2026-12-07', minAvailability: '0', candidates: PEOPLE });
    expect(ranked.map((r) => [r.staffId, r.score])).toEqual([
      ['1', '0.8875'],
      ['3', '0.7625'],
      ['4', '0.7625'],
      ['2', '0.5500'],
      ['6', '0.5500'],
    ]);
    expect(ranked[0]).toMatchObject({ coverage: '1.0000', levelSurplus: '0.2500', availability: '1.0000' });
    // Bo's B ended on 2026-12-01, before the window: level null, not met.
    expect(ranked[3]!.requirements).toEqual([
      { skillId: A, minLevel: 3, level: 3, met: true },
      { skillId: B, minLevel: 2, level: null, met: false },
    ]);
    // A certification valid on the window's first day counts.
    expect(ranked[1]!.requirements[1]).toEqual({ skillId: B, minLevel: 2, level: 3, met: true });
  });

  test('leaves out people below the minimum availability, and the same input always ranks the same', () => {
    const ranked = rankCandidates({ requirements, from: '2026-12-07', minAvailability: '0.6', candidates: PEOPLE });
    expect(ranked.map((r) => r.staffId)).toEqual(['1', '2', '6']);
    expect(rankCandidates({ requirements, from: '2026-12-07', minAvailability: '0.6', candidates: [...PEOPLE].reverse() })).toEqual(ranked);
  });
});

describe('rate card versions', () => {
  test('a draft may change, a published version may not; the rate of a day is the latest published version on or before it', () => {
    expect(mayEdit({ status: 'DRAFT', version: 2 })).toEqual({ ok: true });
    expect(mayEdit({ status: 'PUBLISHED', version: 1 })).toMatchObject({ ok: false, code: 'RATE_CARD_VERSION_PUBLISHED' });
    expect(mayPublish({ status: 'DRAFT', version: 1 }, 0)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const versions = [
      { id: 'v1', status: 'PUBLISHED' as const, effectiveFrom: '2026-01-01' },
      { id: 'v2', status: 'PUBLISHED' as const, effectiveFrom: '2026-07-01' },
      { id: 'v3', status: 'DRAFT' as const, effectiveFrom: '2026-10-01' },
    ];
    expect(versionInEffect(versions, '2025-12-31')).toBeNull();
    expect(versionInEffect(versions, '2026-06-30')?.id).toBe('v1');
    expect(versionInEffect(versions, '2026-07-01')?.id).toBe('v2');
    expect(versionInEffect(versions, '2026-12-01')?.id).toBe('v2');
  });
});
