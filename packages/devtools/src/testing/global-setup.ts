import { setUpTestCluster } from '@flowledger/shared/testkit';
import { SUBGRAPHS } from '../subgraphs.ts';

/** Jest global setup: one cluster and one migrated template for the whole run. */
export default async function globalSetup(): Promise<void> {
  const teardown = await setUpTestCluster(SUBGRAPHS.map(({ definition }) => definition));
  (globalThis as Record<string, unknown>).__flowledgerTeardown = teardown;
  process.stdout.write(`\ntest database: ${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded PostgreSQL (temporary folder)'}\n`);
}
