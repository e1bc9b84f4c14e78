import { configSchema } from '../config/schema.ts';
import type { Config } from '../config/schema.ts';
import type { Secrets } from '../config/secrets.ts';
import { mintToken } from '../auth/tokens.ts';
import type { Role } from '../auth/org-context.ts';

/** Fixed secrets for tests, never used outside them. */
export const TEST_SECRETS: Secrets = {
  jwtSecret: 'test-jwt-secret-0123456789abcdef0123456789',
  signingSecret: 'test-signing-secret-0123456789abcdef012345',
};

export function testConfig(overrides: Record<string, string> = {}): Config {
  // Budgets no ordinary test reaches (the rate-limit tests set their own): tests fire requests faster than people.
  return configSchema.parse({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    RATE_LIMIT_POINTS: '100000000',
    RATE_LIMIT_RESTORE_PER_S: '10000000',
    ...overrides,
  });
}

/** A bearer token as the gateway expects it, for a user acting in an organisation. */
export async function testToken(options: {
  userId: string;
  orgId: string;
  role?: Role;
  expiresIn?: number;
  secret?: string;
  issuer?: string;
  audience?: string;
}): Promise<string> {
  const config = testConfig();
  const { token } = await mintToken(
    { secret: options.secret ?? TEST_SECRETS.jwtSecret, issuer: options.issuer ?? config.JWT_ISSUER, audience: options.audience ?? config.JWT_AUDIENCE },
    { userId: options.userId, orgId: options.orgId, roles: [options.role ?? 'ADMIN'], expiresIn: options.expiresIn },
  );
  return token;
}
