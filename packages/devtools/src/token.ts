import { parseArgs } from 'node:util';
import { DEMO } from '@flowledger/access';
import type { DemoOrgSlug } from '@flowledger/access';
import { loadConfigOrExit, resolveSecrets, roleSchema } from '@flowledger/shared';
import { mintDemoToken } from './demo-tokens.ts';

/** `npm run token -- --org acme --role ADMIN [--hours 12]`: works whether or not the graph is running. */
const { values } = parseArgs({
  options: { org: { type: 'string', default: 'acme' }, role: { type: 'string', default: 'ADMIN' }, hours: { type: 'string', default: '12' } },
});
const fail = (message: string): never => {
  process.stderr.write(`${message}\n`);
  process.exit(2);
};
const org = values.org in DEMO ? (values.org as DemoOrgSlug) : fail(`--org must be one of ${Object.keys(DEMO).join(', ')} (received "${values.org}")`);
const role = roleSchema.safeParse(values.role.toUpperCase()).data ?? fail(`--role must be ADMIN, MEMBER or VIEWER (received "${values.role}")`);
const hours = Number(values.hours);
if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30) fail(`--hours must be a number of hours up to 720 (received "${values.hours}")`);

const config = loadConfigOrExit();
const { token, expiresAt } = await mintDemoToken({ config, secrets: resolveSecrets(config), org, role, expiresIn: Math.round(hours * 3600) });
process.stderr.write(`# ${org} ${role}, expires ${expiresAt.toISOString()}\n`);
process.stdout.write(`${token}\n`);
