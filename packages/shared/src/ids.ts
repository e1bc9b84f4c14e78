import { v7 } from 'uuid';

/**
 * A time-ordered UUID (RFC 9562 version 7) from the uuid package: 48 bits of Unix milliseconds,
 * then a counter that keeps ids of one millisecond in creation order, then random bits. Time
 * ordering keeps primary-key indexes append-mostly, and lists ordered by id (contacts "by creation",
 * every keyset tie-break) keep the order rows were made in.
 */
export function uuidv7(now?: number): string {
  return now === undefined ? v7() : v7({ msecs: now });
}
