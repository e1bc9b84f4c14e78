import type { OrgContext } from '@flowledger/shared';

/** What Apollo Server carries through a request at the gateway: the verified caller. */
export interface GatewayContext {
  org: OrgContext;
}
