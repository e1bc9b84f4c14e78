import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import type { z } from 'zod';
import type { OrgContext, Role } from '../auth/org-context.ts';
import type { UserError } from '../graphql/errors.ts';
import { userErrorsFromZod } from '../graphql/errors.ts';
import type { SubgraphContext } from './definition.ts';
import type { EntityReferences } from './entity-references.ts';

/**
 * What every use case of every subgraph is given: one options object, the same names everywhere, so
 * a reader of one use case can read them all. `input` is the generated GraphQL input type — what the
 * schema already validated — and the use case's zod schema decides the rest (lengths, formats).
 */
export interface UseCaseOptions<Input> {
  em: EntityManager;
  org: OrgContext;
  /** The request's time, from the injected clock: one instant for everything a request writes. */
  now: Date;
  /** Checks ids of entities other subgraphs own, as the caller. */
  references: EntityReferences;
  input: Input;
}

export type UseCase<Input, Result> = (options: UseCaseOptions<Input>) => Promise<Result>;

/**
 * A mutation resolver from a use case: every mutation of every subgraph is wired this one way. The
 * resolver only adapts the request's context; what the mutation does lives in the use case.
 */
export function mutationFrom<Input, Result>(useCase: UseCase<Input, Result>) {
  return (_parent: unknown, args: { input: Input }, ctx: SubgraphContext): Promise<Result> =>
    useCase({ em: ctx.em, org: ctx.org, now: ctx.clock.now(), references: ctx.references, input: args.input });
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; userErrors: UserError[] };

/** zod at the edge: the parsed input, or the user errors naming each field under `input`. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.output<S>> {
  const parsed = schema.safeParse(input);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, userErrors: userErrorsFromZod(parsed.error) };
}

/**
 * Refuses a caller without the role. FORBIDDEN is always a top-level error, never a user error: it
 * is not something the caller can fix by changing the input, and clients handle it in one place.
 */
export function requireRole(org: OrgContext, role: Role, action: string): void {
  if (!org.roles.includes(role)) throw forbidden(`only an ${role} may ${action}`);
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}
