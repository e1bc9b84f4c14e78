import { Histogram } from 'prom-client';
import { DURATION_BUCKETS, collectedCounter, collectedGauge, createServiceMetrics } from '@flowledger/shared';
import type { ServiceMetrics } from '@flowledger/shared';
import type { SubscriptionHub } from './subscriptions/subscription-hub.ts';

export type FetchOutcome = 'ok' | 'refused' | 'failed';
export type FetchObserver = (options: { subgraph: string; purpose: 'request' | 'subscription'; outcome: FetchOutcome; seconds: number }) => void;

export interface GatewayMetrics {
  metrics: ServiceMetrics;
  observeFetch: FetchObserver;
}

/**
 * The gateway's metrics in prom-client: operations by client (the shared service metrics), every
 * subgraph fetch as a histogram by subgraph and cause, and the subscription hub's sockets, events and
 * deliveries — the hub keeps plain counters on its hot path, read here only when scraped.
 */
export function createGatewayMetrics(options: { hub: () => SubscriptionHub; sockets: () => number }): GatewayMetrics {
  const metrics = createServiceMetrics();
  const fetches = new Histogram({
    name: 'flowledger_subgraph_fetch_duration_seconds',
    help: 'Subgraph fetches sent, by subgraph, cause (request, subscription) and outcome (ok, refused = HTTP error, failed = no answer)',
    labelNames: ['subgraph', 'purpose', 'outcome'] as const,
    buckets: DURATION_BUCKETS,
    registers: [metrics.registry],
  });
  const gauge = (name: string, help: string, read: () => number) => collectedGauge(metrics.registry, name, help, read);
  const counter = (name: string, help: string, read: () => number) => collectedCounter(metrics.registry, name, help, read);
  const stats = () => options.hub().stats;
  // The names the subscription benchmark and dashboards already read.
  gauge('flowledger_sockets', 'Open subscription sockets (graphql-ws)', options.sockets);
  gauge('flowledger_subscriptions', 'Active subscriptions', () => options.hub().size);
  counter('flowledger_events_total', 'Events received from the bus (distinct ids)', () => stats().events);
  counter('flowledger_event_duplicates_total', 'Event ids received again and dropped', () => stats().duplicates);
  counter('flowledger_event_resolutions_total', 'Distinct selections resolved for events', () => stats().lookups);
  counter('flowledger_event_executions_total', 'Operations run to resolve them (selections of one context merge)', () => stats().executions);
  counter('flowledger_deliveries_total', 'Messages sent to subscribers', () => stats().deliveries);
  counter('flowledger_event_arrival_lag_ms_total', 'Sum over events of (arrival from the bus - occurrence), ms', () => Math.round(stats().arrivalLagMs));
  counter('flowledger_event_fanout_ms_total', 'Sum over events of the time from arrival to sent, ms', () => Math.round(stats().fanOutMs));
  counter('flowledger_event_execution_ms_total', 'Sum over merged executions of their duration, ms', () => Math.round(stats().executeMs));
  return {
    metrics,
    observeFetch: ({ subgraph, purpose, outcome, seconds }) => fetches.observe({ subgraph, purpose, outcome }, seconds),
  };
}
