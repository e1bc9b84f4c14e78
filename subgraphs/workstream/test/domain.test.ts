import { describe, expect, test } from '@jest/globals';
import { canMoveCandidate } from '../src/domain/candidate-status.ts';
import { formatDecimal, isDecimal, totals } from '@flowledger/shared';
import { PURSUIT_STAGES, PURSUIT_TRANSITIONS, checkTransition, checklistCompletion } from '../src/domain/pursuit-stage.ts';
import type { ChecklistState } from '../src/domain/pursuit-stage.ts';
import { clockTimes, nextCheckAt, statusAt } from '../src/domain/sla.ts';
import { compareToday } from '../src/domain/today-order.ts';

const item = (stage: 'PINK' | 'RED', label: string, completed: boolean, required = true): ChecklistState => ({ stage, label, completed, required });

describe('pursuit stages', () => {
  test('the table: forward one stage at a time, LOST from any open stage, nothing out of WON or LOST', () => {
    const allowed = PURSUIT_STAGES.flatMap((from) => PURSUIT_TRANSITIONS[from].map((to) => `${from}->${to}`));
    expect(allowed).toEqual(['QUALIFY->PINK', 'QUALIFY->LOST', 'PINK->RED', 'PINK->LOST', 'RED->SUBMITTED', 'RED->LOST', 'SUBMITTED->WON', 'SUBMITTED->LOST']);
    expect(checkTransition({ from: 'QUALIFY', to: 'RED', checklist: [] })).toEqual({
      ok: false,
      code: 'INVALID_TRANSITION',
      message: 'a pursuit cannot move from QUALIFY to RED',
    });
  });

  test('SUBMITTED needs the required PINK items; WON and LOST the RED ones', () => {
    const checklist = [item('PINK', 'Budget', false), item('PINK', 'Optional', false, false), item('RED', 'Pricing', false)];
    expect(checkTransition({ from: 'RED', to: 'SUBMITTED', checklist })).toMatchObject({ code: 'CHECKLIST_INCOMPLETE', missing: ['Budget'] });
    expect(checkTransition({ from: 'SUBMITTED', to: 'WON', checklist })).toMatchObject({ code: 'CHECKLIST_INCOMPLETE', missing: ['Pricing'] });
    expect(checkTransition({ from: 'RED', to: 'LOST', checklist, lostReason: 'x' })).toMatchObject({ code: 'CHECKLIST_INCOMPLETE', missing: ['Pricing'] });
    expect(checkTransition({ from: 'QUALIFY', to: 'LOST', checklist, lostReason: 'x' })).toEqual({ ok: true });
    expect(checkTransition({ from: 'QUALIFY', to: 'LOST', checklist })).toMatchObject({ code: 'LOST_REASON_REQUIRED' });
    expect(checkTransition({ from: 'RED', to: 'SUBMITTED', checklist: [item('PINK', 'Budget', true)] })).toEqual({ ok: true });
  });

  test('completion counts required items only', () => {
    expect(checklistCompletion([item('PINK', 'a', true), item('PINK', 'b', false), item('PINK', 'c', false), item('PINK', 'd', false, false)], 'PINK')).toBe(
      33,
    );
    expect(checklistCompletion([], 'RED')).toBe(100);
  });

  test('candidates: NEW only to TRIAGED; NURTURE back to TRIAGED; PROMOTED and DISMISSED are final', () => {
    expect(canMoveCandidate('NEW', 'PROMOTED')).toBe(false);
    expect(canMoveCandidate('NURTURE', 'TRIAGED')).toBe(true);
    expect(canMoveCandidate('DISMISSED', 'TRIAGED')).toBe(false);
  });
});

describe('money', () => {
  test('sums are exact where floats are not', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(
      totals([
        { amount: '0.10', probability: 10 },
        { amount: '0.20', probability: 10 },
      ]),
    ).toEqual({ total: '0.30', weighted: '0.03' });
    expect(totals([{ amount: '0.01', probability: 33 }])).toEqual({ total: '0.01', weighted: '0.0033' });
    expect(
      totals([
        { amount: '9999999999999999.99', probability: 100 },
        { amount: '0.01', probability: 100 },
      ]).total,
    ).toBe('10000000000000000.00');
    expect(formatDecimal('-12.5')).toBe('-12.50');
    // Sums past what one amount may hold stay exact.
    expect(totals(Array.from({ length: 1000 }, () => ({ amount: '9999999999999999.99', probability: 33 })))).toEqual({
      total: '9999999999999999990.00',
      weighted: '3299999999999999996.70',
    });
    expect(isDecimal('99999999999999999.00')).toBe(false);
  });
});

describe('SLA clocks', () => {
  test('warn at the fraction, due at the window; next check at warn, then due, then never', () => {
    const times = clockTimes(new Date('2026-01-01T00:00:00Z'), { hours: 10, warnFraction: 0.8 });
    expect(times.warnAt.toISOString()).toBe('2026-01-01T08:00:00.000Z');
    expect(times.dueAt.toISOString()).toBe('2026-01-01T10:00:00.000Z');
    expect(statusAt(times, new Date('2026-01-01T07:59:59Z'))).toBe('OK');
    expect(statusAt(times, new Date('2026-01-01T08:00:00Z'))).toBe('AT_RISK');
    expect(statusAt(times, new Date('2026-01-01T10:00:00Z'))).toBe('BREACHED');
    expect([nextCheckAt(times, 'OK'), nextCheckAt(times, 'AT_RISK'), nextCheckAt(times, 'BREACHED'), nextCheckAt(times, 'MET')]).toEqual([
      times.warnAt,
      times.dueAt,
      null,
      null,
    ]);
  });
});

describe('the today order', () => {
  test('BREACHED, then AT_RISK, then priority, then due time (none last), then id', () => {
    const d = (h: number) => new Date(Date.UTC(2026, 0, 1, h));
    const entries = [
      { id: 'g', slaStatus: null, priority: 'LOW' as const, dueAt: null },
      { id: 'f', slaStatus: 'OK' as const, priority: 'URGENT' as const, dueAt: d(9) },
      { id: 'e', slaStatus: null, priority: 'URGENT' as const, dueAt: d(5) },
      { id: 'd', slaStatus: 'AT_RISK' as const, priority: 'LOW' as const, dueAt: d(1) },
      { id: 'c', slaStatus: 'AT_RISK' as const, priority: 'HIGH' as const, dueAt: d(3) },
      { id: 'b', slaStatus: 'BREACHED' as const, priority: 'LOW' as const, dueAt: d(2) },
      { id: 'a', slaStatus: 'BREACHED' as const, priority: 'LOW' as const, dueAt: d(1) },
      { id: 'h', slaStatus: null, priority: 'LOW' as const, dueAt: d(1) },
    ];
    expect([...entries].sort(compareToday).map((e) => e.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'h', 'g']);
  });
});
