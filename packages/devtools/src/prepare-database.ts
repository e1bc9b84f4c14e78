import { DEMO, seedAccess } from '@flowledger/access';
import { seedCrm } from '@flowledger/crm';
import { createOrm, ensureAppRole, ensureGivenAppRole, grantAppRole, migrateSchema } from '@flowledger/shared';
import type { Orm } from '@flowledger/shared';
import { SUBGRAPHS } from './subgraphs.ts';

/** Migrates every subgraph's schema as the owner and lets the application role use them. */
export async function prepareDatabase(options: { ownerUrl: string; appUrl?: string }): Promise<{ appUrl: string; applied: string[] }> {
  const applied: string[] = [];
  for (const { definition } of SUBGRAPHS) {
    applied.push(...(await migrateSchema({ ownerUrl: options.ownerUrl, schema: definition.dbSchema, migrations: definition.migrations })));
  }
  if (options.appUrl) await ensureGivenAppRole(options.ownerUrl, options.appUrl);
  const appUrl = options.appUrl ?? (await ensureAppRole(options.ownerUrl));
  await grantAppRole(options.ownerUrl, appUrl, SUBGRAPHS.map(({ definition }) => definition.dbSchema));
  return { appUrl, applied };
}

/** The demo organisations, people and data; idempotent, run as the application role like any write. */
export async function seedDemo(appUrl: string): Promise<void> {
  const orms: Record<string, Orm> = {};
  try {
    for (const { definition } of SUBGRAPHS) {
      orms[definition.name] = await createOrm({ name: `seed:${definition.name}`, url: appUrl, schema: definition.dbSchema, entities: definition.entities, poolMax: 2 });
    }
    await seedAccess(orms.access!);
    await seedCrm(orms.crm!, { acme: DEMO.acme.id, globex: DEMO.globex.id });
  } finally {
    for (const orm of Object.values(orms)) await orm.close(true);
  }
}
