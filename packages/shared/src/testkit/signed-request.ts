import { signContext } from '../signing/context-signature.ts';
import type { OrgContext } from '../auth/org-context.ts';
import { TEST_SECRETS } from './test-config.ts';

/** Calls a subgraph exactly as the gateway does: the same signed headers over the exact body. */
export async function signedSubgraphRequest(options: {
  url: string;
  subgraph: string;
  context: OrgContext;
  query: string;
  variables?: Record<string, unknown>;
  secret?: string;
}): Promise<{ status: number; body: any }> {
  const body = JSON.stringify({ query: options.query, variables: options.variables ?? {} });
  const headers = signContext({ secret: options.secret ?? TEST_SECRETS.signingSecret, subgraph: options.subgraph, context: options.context, body });
  const response = await fetch(options.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: response.status, body: await response.json() };
}
