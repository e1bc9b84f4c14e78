import { describe, expect, test } from '@jest/globals';
import { coveringAssignment } from '../src/domain/assignment-coverage.ts';
import { checkEngagementStatus, checkNewWork, engagementFromWonPursuit } from '../src/domain/engagement-rules.ts';
import { hoursFromMinutes, minutesFromHours, sumAmounts, timeAmount, toCents } from '../src/domain/money-rules.ts';
import { checkTimeEntryAction } from '../src/domain/time-entry-states.ts';

describe('money is exact and rounded once per line, half-even', () => {
  test('values a float gets wrong come out to the cent', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumAmounts(['0.10', '0.20'])).toBe('0.30');
    expect(sumAmounts(Array.from({ length: 10 }, () => '0.10'))).toBe('1.00');
    // 1.005 is 1.00499999… as a float, so toFixed(2) says 1.00; as a decimal, half-even keeps 1.00 and half-up would give 1.01.
    expect((1.005).toFixed(2)).toBe('1.00');
    expect(toCents('1.015')).toBe('1.02');
    expect(toCents('0.125')).toBe('0.12');
    expect(toCents('0.135')).toBe('0.14');
  });

  test('a third of an hour at a four-decimal rate is exact until the one rounding', () => {
    expect(timeAmount(20, '123.4567')).toBe('41.15');
    expect(timeAmount(20, '0.0150')).toBe('0.00'); // 0.005 → half-even → 0.00
    expect(timeAmount(40, '0.0150')).toBe('0.01'); // 0.01
    expect(timeAmount(60 * 7 + 20, '133.3333')).toBe('977.78'); // 977.7775… → 977.78
    // Three thirds bill the same as the hour only when rounded lines add up: 3 × 41.15 = 123.45, one hour 123.46.
    expect(sumAmounts([timeAmount(20, '123.4567'), timeAmount(20, '123.4567'), timeAmount(20, '123.4567')])).toBe('123.45');
    expect(timeAmount(60, '123.4567')).toBe('123.46');
  });

  test('hours become minutes only when they are whole minutes; minutes show as hours to four places', () => {
    expect(minutesFromHours('0.25')).toBe(15);
    expect(minutesFromHours('0.1')).toBe(6);
    expect(minutesFromHours('0.3333')).toBeNull();
    expect(hoursFromMinutes(20)).toBe('0.3333');
    expect(hoursFromMinutes(40)).toBe('0.6667');
  });
});

describe('time entry states', () => {
  test.each([
    ['DRAFT', 'SUBMIT', true],
    ['REJECTED', 'SUBMIT', true],
    ['SUBMITTED', 'APPROVE', true],
    ['SUBMITTED', 'REJECT', true],
    ['DRAFT', 'APPROVE', false],
    ['SUBMITTED', 'EDIT', false],
  ] as const)('%s → %s allowed: %s', (status, action, allowed) => {
    expect(checkTimeEntryAction(status, action).ok).toBe(allowed);
  });

  test('an approved entry is locked for every action', () => {
    for (const action of ['EDIT', 'SUBMIT', 'APPROVE', 'REJECT'] as const)
      expect(checkTimeEntryAction('APPROVED', action)).toMatchObject({ ok: false, code: 'ENTRY_LOCKED' });
  });
});

describe('engagements', () => {
  test('COMPLETED and CANCELLED are final; closed engagements take no work; T&M takes no milestones', () => {
    expect(checkEngagementStatus('ACTIVE', 'COMPLETED').ok).toBe(true);
    expect(checkEngagementStatus('CANCELLED', 'ACTIVE')).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
    expect(checkNewWork({ status: 'COMPLETED', billingModel: 'FIXED_FEE' }, 'TIME')).toMatchObject({ code: 'ENGAGEMENT_CLOSED' });
    expect(checkNewWork({ status: 'ACTIVE', billingModel: 'TIME_AND_MATERIALS' }, 'MILESTONE')).toMatchObject({ code: 'MILESTONES_NOT_BILLED' });
  });

  test('a won pursuit without a value opens in the base currency with no budget', () => {
    expect(engagementFromWonPursuit({ name: null, value: null }, 'USD')).toEqual({
      name: 'Won pursuit',
      currency: 'USD',
      budgetAmount: null,
      billingModel: 'TIME_AND_MATERIALS',
    });
  });
});

describe('which assignment bills a day', () => {
  const base = { staffId: 's', role: 'C', billRate: '1', currency: 'EUR' };
  const onPursuit = { ...base, id: 'p', pursuitId: 'P', engagementId: null, startDate: '2026-12-01', endDate: '2026-12-31' };
  const onEngagement = { ...base, id: 'e', pursuitId: null, engagementId: 'E', startDate: '2026-11-01', endDate: '2026-12-31' };

  test('one on the engagement wins over one on its pursuit; outside their dates, none', () => {
    expect(coveringAssignment([onPursuit, onEngagement], { staffId: 's', date: '2026-12-05' }, { id: 'E', pursuitId: 'P' })?.id).toBe('e');
    expect(coveringAssignment([onPursuit], { staffId: 's', date: '2026-12-05' }, { id: 'E', pursuitId: 'P' })?.id).toBe('p');
    expect(coveringAssignment([onPursuit], { staffId: 's', date: '2027-01-01' }, { id: 'E', pursuitId: 'P' })).toBeNull();
    expect(coveringAssignment([onPursuit], { staffId: 'other', date: '2026-12-05' }, { id: 'E', pursuitId: 'P' })).toBeNull();
    expect(coveringAssignment([onPursuit], { staffId: 's', date: '2026-12-05' }, { id: 'E', pursuitId: null })).toBeNull();
  });
});
