import { defineEntity, p } from '@mikro-orm/core';
import { uuidv7 } from '@flowledger/shared';

/** A tenant. Global: it is not inside any organisation, so it carries no org_id and no RLS policy. */
export const Organization = defineEntity({
  name: 'Organization',
  tableName: 'organization',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => uuidv7()),
    slug: p.string().unique(),
    name: p.string(),
    baseCurrency: p.string().length(3),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
