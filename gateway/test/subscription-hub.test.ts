import { expect, test } from '@jest/globals';
import { createLogger, uuidv7 } from '@flowledger/shared';
import type { EventEnvelope, OrgContext } from '@flowledger/shared';
import { SubscriptionHub, shareKeyOf } from '../src/subscriptions/subscription-hub.ts';
import type { Subscriber } from '../src/subscriptions/subscription-hub.ts';
import type { PreparedSubscription } from '../src/subscriptions/prepare-subscription.ts';
import { parse } from 'graphql';

const org: OrgContext = { orgId: uuidv7(), actor: { type: 'user', id: uuidv7() }, roles: ['ADMIN'], requestId: 'r' };
const prepared: PreparedSubscription = {
  eventType: 'PursuitStageChanged',
  filter: null,
  query: 'query($_flEventId: ID!) { pursuitStageChanged: pursuitStageEvent(id: $_flEventId) { to } }',
  variables: {},
  eventIdVariable: '_flEventId',
  document: parse('query($_flEventId: ID!) { pursuitStageChanged: pursuitStageEvent(id: $_flEventId) { to } }'),
  responseKey: 'pursuitStageChanged',
};
const event = (to: string): EventEnvelope => ({
  id: uuidv7(),
  position: '1',
  orgId: org.orgId,
  source: 'test',
  type: 'PursuitStageChanged',
  aggregateType: 'Pursuit',
  aggregateId: uuidv7(),
  seq: 1,
  occurredAt: new Date().toISOString(),
  payload: { to },
});

test("a subscriber whose delivery throws does not stop its organisation's later events, and ids are delivered once", async () => {
  const hub = new SubscriptionHub({
    log: createLogger('test', 'silent'),
    execute: async ({ variables }) => ({ data: { pursuitStageChanged: { to: String(variables._flEventId) } } }),
  });
  const received: string[] = [];
  let fail = true;
  const subscriber: Subscriber = {
    org,
    prepared,
    shareKey: shareKeyOf(org, prepared),
    fail: () => {},
    deliver: (payload) => {
      if (fail) {
        fail = false;
        throw new Error('socket broke');
      }
      received.push(JSON.parse(payload).data.pursuitStageChanged.to);
    },
  };
  hub.add(subscriber);
  const first = event('PINK');
  const second = event('RED');
  await Promise.all([hub.publish(first), hub.publish(second), hub.publish(second)]);
  expect(received).toEqual([second.id]);
  expect(hub.stats.duplicates).toBe(1);
});
