import { setUpTestCluster } from '@flowledger/shared/testkit';
import { loadSubgraphs } from '../subgraphs.ts';

/** Jest global setup: one cluster and one migrated template for the whole run. */
export default async function globalSetup(): Promise<void> {
  const SUBGRAPHS = await loadSubgraphs();
  const teardown = await setUpTestCluster(SUBGRAPHS.map(({ definition }) => definition));
  (globalThis as Record<string, unknown>).__flowledgerTeardown = teardown;
  process.stdout.write(`\ntest database: ${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded PostgreSQL (temporary folder)'}\n`);
  process.stdout.write(
    process.env.REDIS_URL
      ? `Redis event bus: tested against REDIS_URL\n`
      : 'Redis event bus: NOT tested in this run (REDIS_URL is unset; .ci/run sets it when a Redis answers on 127.0.0.1:6379)\n',
  );
}
