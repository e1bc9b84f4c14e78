import { GraphQLError } from 'graphql';
import type { GraphQLFormattedError } from 'graphql';
import type { z } from 'zod';

/** Codes a client may see at the top level; anything else is reported as INTERNAL_SERVER_ERROR. */
export const PUBLIC_ERROR_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'RATE_LIMITED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'PAYLOAD_TOO_LARGE',
  'SUBGRAPH_UNAVAILABLE',
  'SERVICE_UNAVAILABLE',
  'METHOD_NOT_ALLOWED',
  'NOT_ACCEPTABLE',
  'UNSUPPORTED_MEDIA_TYPE',
  'INTERNAL_SERVER_ERROR',
]);

/** The shape of an expected refusal, returned as data in a mutation payload. */
export interface UserError {
  field: string[] | null;
  message: string;
  code: string;
}

export function userError(field: string[] | null, message: string, code: string): UserError {
  return { field, message, code };
}

/** The codes the kit itself returns in userErrors (zod at the edge, unknown ids); every subgraph's list starts with them. */
export const COMMON_USER_ERROR_CODES = ['INVALID_INPUT', 'NOT_FOUND'] as const;

/**
 * A subgraph's typed `userError`: given its `as const` list of codes, a code outside the list fails
 * the type check where the refusal is written, so the list in `src/errors.ts` is the whole vocabulary.
 */
export function userErrorsWith<Code extends string>(_codes: readonly Code[]) {
  return (field: string[] | null, message: string, code: Code): UserError => userError(field, message, code);
}

/**
 * The answer for an id that does not exist or belongs to another organisation — the two are
 * indistinguishable by design. One user error, on the field that carried the id.
 */
export function notFound(field: string[], what: string, id: string): UserError[] {
  return [userError(field, `no ${what} with id ${id}`, 'NOT_FOUND')];
}

/** zod issues as user errors: the field path (under `input`) and a message naming it. */
export function userErrorsFromZod(error: z.ZodError, prefix: string[] = ['input']): UserError[] {
  return error.issues.map((issue) => {
    const field = [...prefix, ...issue.path.map(String)];
    return userError(field, `${field.join('.')}: ${issue.message}`, 'INVALID_INPUT');
  });
}

/** For arguments of a query that do not parse: a top-level BAD_USER_INPUT naming the argument. */
export function badUserInput(error: z.ZodError, prefix: string[] = []): GraphQLError {
  const issue = error.issues[0]!;
  const field = [...prefix, ...issue.path.map(String)];
  return new GraphQLError(`${field.join('.') || 'argument'}: ${issue.message}`, {
    extensions: { code: 'BAD_USER_INPUT', field, issues: error.issues.length },
  });
}

/**
 * Hides what a client must never see (stack traces, SQL, driver messages) behind INTERNAL_SERVER_ERROR,
 * and keeps the message of every error that carries a public code.
 */
export function maskError(formatted: GraphQLFormattedError, onInternal?: (error: unknown) => void, original?: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && PUBLIC_ERROR_CODES.has(code) && code !== 'INTERNAL_SERVER_ERROR') {
    const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  onInternal?.(original ?? formatted);
  return {
    message: 'Internal server error',
    ...(formatted.path ? { path: formatted.path } : {}),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
