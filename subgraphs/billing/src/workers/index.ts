import { createEventConsumer, createOutboxRelay, intervalWorker } from '@flowledger/shared';
import type { BackgroundWorker, WorkerContext } from '@flowledger/shared';
import { BILLING_SCHEMA } from '../use-cases/emit-event.ts';
import { learnAssignment } from '../use-cases/learn-assignment.ts';
import { openEngagementForWonPursuit } from '../use-cases/open-engagement-for-won-pursuit.ts';
import { markOverdueInvoices } from './mark-overdue-invoices.ts';

/**
 * Billing's background work: its outbox relay; two durable consumers — workstream's PursuitWon
 * opens engagements, staffing's assignment events keep the rate snapshots billing bills at; and the
 * scheduler that marks invoices past their due date OVERDUE.
 */
export function billingWorkers(context: WorkerContext): BackgroundWorker[] {
  const consumer = (name: string, source: string, types: string[], handle: Parameters<typeof createEventConsumer>[0]['handle']) =>
    createEventConsumer({
      name,
      schema: BILLING_SCHEMA,
      source,
      sourceUrl: () => context.subgraphUrls[source],
      types,
      signingSecret: context.signingSecret,
      orm: context.orm,
      systemOrm: context.systemOrm,
      bus: context.bus,
      log: context.log,
      metrics: context.metrics,
      handle,
    });
  return [
    createOutboxRelay({ url: context.systemUrl, schema: BILLING_SCHEMA, source: 'billing', bus: context.bus, log: context.log, clock: context.clock }),
    consumer('billing.engagements', 'workstream', ['PursuitWon'], openEngagementForWonPursuit),
    consumer('billing.assignments', 'staffing', ['AssignmentCreated', 'AssignmentUpdated', 'AssignmentEnded'], learnAssignment),
    // Due dates are days: a minute's lateness is nothing.
    intervalWorker({
      name: 'overdue scheduler',
      intervalMs: 60_000,
      log: context.log,
      round: () => markOverdueInvoices({ systemOrm: context.systemOrm, orm: context.orm, now: context.clock.now() }),
    }),
  ];
}
