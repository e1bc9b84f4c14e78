import { parseArgs } from 'node:util';
import { DEMO } from '@flowledger/access';
import type { DemoOrgSlug } from '@flowledger/access';
import { MissingDevSecretsError, dataDir, loadConfigOrExit, resolveSecrets, roleSchema } from '@flowledger/shared';
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
const config = loadConfigOrExit();
const maxHours = config.JWT_MAX_LIFETIME_S / 3600;
if (!Number.isFinite(hours) || hours <= 0 || hours > maxHours)
  fail(`--hours must be a number of hours up to ${maxHours} (JWT_MAX_LIFETIME_S; received "${values.hours}")`);
// Asked only for a token: never create secrets, which would sign a token no running graph accepts.
let secrets;
try {
  secrets = resolveSecrets(config, { create: false });
} catch (error) {
  if (error instanceof MissingDevSecretsError) fail(error.message);
  throw error;
}
const { token, expiresAt } = await mintDemoToken({ config, secrets: secrets!, org, role, expiresIn: Math.round(hours * 3600) });
const source = config.JWT_SECRET ? 'JWT_SECRET' : `the development secrets in ${dataDir(config)}`;
process.stderr.write(`# ${org} ${role}, expires ${expiresAt.toISOString()}, signed with ${source}\n`);
process.stdout.write(`${token}\n`);
