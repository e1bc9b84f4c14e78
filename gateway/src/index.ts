export { startGateway } from './start-gateway.ts';
export type { RunningGateway, StartGatewayOptions } from './start-gateway.ts';
export { SUBGRAPH_NAMES, subgraphUrlsFromConfig } from './subgraph-urls.ts';
