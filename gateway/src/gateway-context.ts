import type { CostReport } from './rate-limits.ts';
import type { OrgContext } from '@flowledger/shared';

/** What Apollo Server carries through a request at the gateway: the verified caller. */
export interface GatewayContext {
  org: OrgContext;
  /** Why the operation runs: a client's request, or resolving an event for subscribers. */
  purpose?: 'request' | 'subscription';
  /** The operation's cost and the caller's budget after it, for `extensions.cost`. */
  cost?: CostReport;
}
