import { createEventConsumer, createOutboxRelay } from '@flowledger/shared';
import type { BackgroundWorker, WorkerContext } from '@flowledger/shared';
import { BILLING_SCHEMA } from '../use-cases/emit-event.ts';
import { learnAssignment } from '../use-cases/learn-assignment.ts';
import { openEngagementForWonPursuit } from '../use-cases/open-engagement-for-won-pursuit.ts';

/**
 * Billing's background work: its outbox relay, and two durable consumers — workstream's PursuitWon
 * opens engagements, staffing's assignment events keep the rate snapshots billing bills at.
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
      handle,
    });
  return [
    createOutboxRelay({ url: context.systemUrl, schema: BILLING_SCHEMA, source: 'billing', bus: context.bus, log: context.log, clock: context.clock }),
    consumer('billing.engagements', 'workstream', ['PursuitWon'], openEngagementForWonPursuit),
    consumer('billing.assignments', 'staffing', ['AssignmentCreated', 'AssignmentUpdated', 'AssignmentEnded'], learnAssignment),
  ];
}
