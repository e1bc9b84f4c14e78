import { subgraphFetches } from './signed-data-source.ts';
import type { SubscriptionHub } from './subscriptions/subscription-hub.ts';

/** Prometheus text exposition of the gateway's counters (GET /metrics, unauthenticated, no tenant data). */
export function renderMetrics(options: { hub: SubscriptionHub; sockets: number }): string {
  const { hub } = options;
  const lines = [
    ['flowledger_sockets', 'gauge', 'Open subscription sockets', options.sockets],
    ['flowledger_subscriptions', 'gauge', 'Active subscriptions', hub.size],
    ['flowledger_events_total', 'counter', 'Events received from the bus (distinct ids)', hub.stats.events],
    ['flowledger_event_duplicates_total', 'counter', 'Event ids received again and dropped', hub.stats.duplicates],
    ['flowledger_event_resolutions_total', 'counter', 'Distinct selections resolved for events', hub.stats.lookups],
    ['flowledger_event_executions_total', 'counter', 'Operations run to resolve them (selections of one context merge)', hub.stats.executions],
    ['flowledger_deliveries_total', 'counter', 'Messages sent to subscribers', hub.stats.deliveries],
    ['flowledger_event_arrival_lag_ms_total', 'counter', 'Sum over events of (arrival from the bus - occurrence)', Math.round(hub.stats.arrivalLagMs)],
    ['flowledger_event_fanout_ms_total', 'counter', 'Sum over events of the time from arrival to sent', Math.round(hub.stats.fanOutMs)],
    ['flowledger_event_execution_ms_total', 'counter', 'Sum over merged executions of their duration', Math.round(hub.stats.executeMs)],
  ] as const;
  const out = lines.flatMap(([name, type, help, value]) => [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, `${name} ${value}`]);
  out.push('# HELP flowledger_subgraph_fetches_total Requests sent to subgraphs, by cause', '# TYPE flowledger_subgraph_fetches_total counter');
  for (const [purpose, value] of Object.entries(subgraphFetches)) out.push(`flowledger_subgraph_fetches_total{purpose="${purpose}"} ${value}`);
  return `${out.join('\n')}\n`;
}
