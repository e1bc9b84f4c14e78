import { GraphQLError } from 'graphql';
import type { Context } from '../context.ts';

/** The caller, the organisation the session acts in and the role of their membership there. */
export async function me(_parent: unknown, _args: unknown, ctx: Context) {
  const [user, organization, memberships] = await Promise.all([
    ctx.loaders.user.load(ctx.org.actor.id),
    ctx.loaders.organization.load(ctx.org.orgId),
    ctx.loaders.membershipsByUser.load(ctx.org.actor.id),
  ]);
  if (ctx.org.actor.type !== 'user' || !user || !organization || !memberships[0]) {
    throw new GraphQLError('the session has no membership in this organisation', { extensions: { code: 'FORBIDDEN' } });
  }
  return { user, organization, role: memberships[0].role };
}
