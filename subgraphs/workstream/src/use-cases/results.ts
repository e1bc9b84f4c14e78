import { userError } from '@flowledger/shared';
import type { UserError } from '@flowledger/shared';

/** The NOT_FOUND answer for an id that does not exist or belongs to another organisation. */
export function notFound(field: string[], what: string, id: string): UserError[] {
  return [userError(field, `no ${what} with id ${id}`, 'NOT_FOUND')];
}
