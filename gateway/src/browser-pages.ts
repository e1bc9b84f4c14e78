import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config, Logger } from '@flowledger/shared';
import { DASHBOARD_PATH, createDashboard } from './dashboard/serve-dashboard.ts';
import { GRAPHIQL_ASSET_PATH, createGraphiQL, graphiqlEnabled, wantsGraphiQL } from './graphiql/serve-graphiql.ts';

/** DEMO_TOKENS (`name=token,name=token`) as the people a development page offers. */
function parseDemoTokens(text: string | undefined): { name: string; token: string }[] {
  if (!text) return [];
  return text.split(',').map((pair) => {
    const at = pair.indexOf('=');
    return { name: pair.slice(0, at).trim(), token: pair.slice(at + 1).trim() };
  });
}

/**
 * What a person's browser gets from the gateway besides GraphQL: GraphiQL at the GraphQL URL and its
 * files, and the live dashboard. Demo people's tokens are a development convenience: production
 * never shows them, whatever is set.
 */
export function createBrowserPages(options: { config: Config; log: Logger }) {
  const { config } = options;
  const demoUsers = config.NODE_ENV === 'production' ? [] : parseDemoTokens(config.DEMO_TOKENS);
  const graphiql = graphiqlEnabled(config) ? createGraphiQL({ path: config.GATEWAY_PATH, demoToken: demoUsers[0]?.token }) : null;
  const dashboard = createDashboard({ graphqlPath: config.GATEWAY_PATH, demoUsers, log: options.log });
  return {
    /** Answers the request when it is one of these pages; false leaves it to GraphQL (or the 404). */
    async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
      if (req.method === 'GET' && url.pathname.startsWith(DASHBOARD_PATH) && (await dashboard.handle(res, url.pathname))) return true;
      if (graphiql && req.method === 'GET' && url.pathname.startsWith(GRAPHIQL_ASSET_PATH) && graphiql.asset(res, url.pathname)) return true;
      if (graphiql && url.pathname === config.GATEWAY_PATH && wantsGraphiQL(req, url)) {
        graphiql.page(res);
        return true;
      }
      return false;
    },
  };
}
