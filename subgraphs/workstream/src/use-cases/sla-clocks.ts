import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { uuidv7 } from '@flowledger/shared';
import { SlaClock, SlaRule } from '../entities/index.ts';
import type { SlaClockRow } from '../entities/index.ts';
import { DEFAULT_SLA_RULES, clockTimes, nextCheckAt, statusAt } from '../domain/sla.ts';
import type { SlaKind } from '../domain/sla.ts';
import { emitEvent } from './emit-event.ts';

/** The organisation's rule for a kind, or the default. */
export async function ruleFor(em: EntityManager, kind: SlaKind) {
  const rule = await em.findOne(SlaRule, { kind });
  return rule ? { hours: Number(rule.hours), warnFraction: Number(rule.warnFraction) } : DEFAULT_SLA_RULES[kind];
}

/** Starts an item's clock for a rule. A clock starting late (a backdated item) starts in the status it is already in. */
export async function startClock(
  em: EntityManager,
  options: { orgId: string; kind: SlaKind; subjectId: string; startedAt: Date; now: Date },
): Promise<SlaClockRow> {
  const times = clockTimes(options.startedAt, await ruleFor(em, options.kind));
  const status = statusAt(times, options.now);
  const clock = em.create(SlaClock, {
    id: uuidv7(),
    orgId: options.orgId,
    kind: options.kind,
    subjectId: options.subjectId,
    ...times,
    status: 'OK',
    nextCheckAt: nextCheckAt(times, 'OK'),
    eventSeq: 0,
  });
  if (status !== 'OK') clock.nextCheckAt = options.now; // the scheduler records the AT_RISK/BREACHED step
  return clock;
}

/** Marks an item's running clock MET (a clock already MET stays as it is; a BREACHED one keeps its breach row). */
export async function meetClock(em: EntityManager, options: { kind: SlaKind; subjectId: string; at: Date }): Promise<void> {
  // Locked, so a scheduler moving the same clock at the same moment is waited for and its event
  // number is not taken twice (it locks the clocks it moves too).
  const clock = await em.findOne(SlaClock, { kind: options.kind, subjectId: options.subjectId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!clock || clock.status === 'MET') return;
  const from = clock.status;
  clock.status = 'MET';
  clock.metAt = options.at;
  clock.nextCheckAt = null;
  await emitEvent(
    em,
    clock,
    'SlaClock',
    'SlaStatusChanged',
    { clockId: clock.id, kind: clock.kind, subjectId: clock.subjectId, from, to: 'MET', dueAt: clock.dueAt.toISOString(), at: options.at.toISOString() },
    options.at,
  );
}
