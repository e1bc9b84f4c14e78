export * from './signed-request.ts';
export * from './start-graph.ts';
export * from './test-config.ts';
export * from './test-database.ts';
export * from './test-cluster.ts';
export * from './wait-for.ts';
export * from './subgraph-under-test.ts';
export * from './span-recorder.ts';
