import { DEMO, demoUser } from '@flowledger/access';
import type { DemoOrgSlug } from '@flowledger/access';
import { mintToken } from '@flowledger/shared';
import type { Config, Role, Secrets } from '@flowledger/shared';

/** A development token for the seeded user with `role` in the organisation `slug`. */
export async function mintDemoToken(options: { config: Config; secrets: Secrets; org: DemoOrgSlug; role: Role; expiresIn?: number }) {
  const user = demoUser(options.org, options.role);
  if (!user) throw new Error(`the demo organisation "${options.org}" has no user with role ${options.role}`);
  return mintToken(
    { secret: options.secrets.jwtSecret, issuer: options.config.JWT_ISSUER, audience: options.config.JWT_AUDIENCE },
    { userId: user.id, orgId: DEMO[options.org].id, roles: [options.role], expiresIn: options.expiresIn },
  );
}
