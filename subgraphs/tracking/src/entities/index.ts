import { defineEntity, p } from '@mikro-orm/core';
import type { InferEntity } from '@mikro-orm/core';
import { tenantFilters, tenantProperties } from '@flowledger/shared';

/** A mail registered for tracking: who it went to, what it was about, and its links. */
export const TrackedMessage = defineEntity({
  name: 'TrackedMessage',
  tableName: 'tracked_message',
  filters: tenantFilters,
  properties: {
    ...tenantProperties(),
    contactId: p.uuid(),
    pursuitId: p.uuid().nullable(),
    proposalId: p.uuid().nullable(),
    subject: p.string(),
    sentAt: p.datetime(),
    firstHumanOpenAt: p.datetime().nullable(),
    firstClickAt: p.datetime().nullable(),
    eventSeq: p.integer().default(0),
  },
});
export type TrackedMessageRow = InferEntity<typeof TrackedMessage>;

export const TrackedLink = defineEntity({
  name: 'TrackedLink',
  tableName: 'tracked_link',
  filters: tenantFilters,
  properties: {
    ...tenantProperties(),
    messageId: p.uuid(),
    position: p.integer(),
    url: p.string(),
  },
});
export type TrackedLinkRow = InferEntity<typeof TrackedLink>;

/** One recorded hit (an append-only row of a partitioned table, written in batches by the hit writer). */
export const TrackingHit = defineEntity({
  name: 'TrackingHit',
  tableName: 'tracking_hit',
  filters: tenantFilters,
  properties: {
    id: p.uuid().primary(),
    orgId: p.uuid(),
    messageId: p.uuid(),
    linkPosition: p.integer().nullable(),
    kind: p.enum(['OPEN', 'CLICK'] as const),
    at: p.datetime(),
    ip: p.string().nullable(),
    userAgent: p.string().nullable(),
    isBot: p.boolean(),
    machine: p.boolean(),
    reasons: p.array(),
    score: p.integer(),
  },
});
export type TrackingHitRow = InferEntity<typeof TrackingHit>;

export const entities = [TrackedMessage, TrackedLink, TrackingHit];
