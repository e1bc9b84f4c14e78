import type { OrgContext } from '@flowledger/shared';

/** What Apollo Server carries through a request at the gateway: the verified caller. */
export interface GatewayContext {
  org: OrgContext;
  /** Why the operation runs: a client's request, or resolving an event for subscribers. */
  purpose?: 'request' | 'subscription';
}
