import { loadConfigOrExit } from '@flowledger/shared';
import { prepareDatabase, seedDemo } from './prepare-database.ts';

/** `npm run migrate`: migrations (and with SEED_DEMO=true the demo data) for a DATABASE_URL; for deployments. */
const config = loadConfigOrExit();
if (!config.DATABASE_URL) {
  process.stderr.write('DATABASE_URL: required by npm run migrate (the owner connection)\n');
  process.exit(78);
}
const { appUrl, systemUrl, applied } = await prepareDatabase({
  ownerUrl: config.DATABASE_URL,
  appUrl: config.APP_DATABASE_URL,
  systemUrl: config.SYSTEM_DATABASE_URL,
});
process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'migrations up to date\n');
if (config.SEED_DEMO) {
  await seedDemo(appUrl, systemUrl);
  process.stdout.write('demo data seeded\n');
}
