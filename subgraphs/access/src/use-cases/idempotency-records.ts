import { inOrgScope } from '@flowledger/shared';
import type { Orm } from '@flowledger/shared';
import { idempotencyClaimSchema, idempotencyCompleteSchema } from '../domain/inputs.ts';

/** How long a key is remembered, and after how long a claim whose gateway never finished may be taken over. */
export const IDEMPOTENCY_TTL_HOURS = 24;
export const STALE_CLAIM_SECONDS = 300;

export type ClaimAnswer =
  | { state: 'claimed' }
  | { state: 'done'; status: number; body: string }
  | { state: 'running' }
  | { state: 'reused' }
  | { state: 'invalid' };

/**
 * The gateway claims an idempotency key before it runs a mutation. In one statement: the first
 * claim wins (the primary key decides, also under races between gateway processes); a later one
 * learns whether the first finished (and gets its response), is still running, or was a different
 * request under the same key. A claim whose gateway died mid-way is taken over after five minutes.
 * Expired keys of the organisation are swept on the way.
 */
export async function claimIdempotencyKey(options: { orm: Orm; input: unknown }): Promise<ClaimAnswer> {
  const parsed = idempotencyClaimSchema.safeParse(options.input);
  if (!parsed.success) return { state: 'invalid' };
  const { orgId, actorId, key, requestHash } = parsed.data;
  return inOrgScope(options.orm, orgId, async (em) => {
    await em.execute(`delete from access.idempotency_record where org_id = ? and expires_at < now()`, [orgId]);
    const rows = await em.execute<{ claimed: boolean; request_hash: string; status: string; response_status: number | null; response_body: string | null }[]>(
      `insert into access.idempotency_record as r (org_id, actor_id, key, request_hash, expires_at)
       values (?, ?, ?, ?, now() + interval '${IDEMPOTENCY_TTL_HOURS} hours')
       on conflict (org_id, actor_id, key) do update
         set claimed_at = now(), request_hash = excluded.request_hash
         where r.status = 'RUNNING' and r.claimed_at < now() - interval '${STALE_CLAIM_SECONDS} seconds' and r.request_hash = excluded.request_hash
       returning true as claimed, request_hash, status, response_status, response_body`,
      [orgId, actorId, key, requestHash],
    );
    if (rows.length > 0) return { state: 'claimed' };
    const [existing] = await em.execute<{ request_hash: string; status: string; response_status: number | null; response_body: string | null }[]>(
      `select request_hash, status, response_status, response_body from access.idempotency_record where org_id = ? and actor_id = ? and key = ?`,
      [orgId, actorId, key],
    );
    if (!existing) return { state: 'running' };
    if (existing.request_hash !== requestHash) return { state: 'reused' };
    if (existing.status === 'DONE') return { state: 'done', status: existing.response_status!, body: existing.response_body! };
    return { state: 'running' };
  });
}

/** The mutation's response, stored under its key for every retry to replay. */
export async function completeIdempotencyKey(options: { orm: Orm; input: unknown }): Promise<{ stored: boolean }> {
  const parsed = idempotencyCompleteSchema.safeParse(options.input);
  if (!parsed.success) return { stored: false };
  const { orgId, actorId, key, status, body } = parsed.data;
  return inOrgScope(options.orm, orgId, async (em) => {
    await em.execute(
      `update access.idempotency_record set status = 'DONE', response_status = ?, response_body = ? where org_id = ? and actor_id = ? and key = ?`,
      [status, body, orgId, actorId, key],
    );
    return { stored: true };
  });
}

/** A claim whose mutation never produced a response to keep (the gateway gave up): the key may be used again. */
export async function releaseIdempotencyKey(options: { orm: Orm; input: unknown }): Promise<{ released: boolean }> {
  const parsed = idempotencyClaimSchema.omit({ requestHash: true }).safeParse(options.input);
  if (!parsed.success) return { released: false };
  const { orgId, actorId, key } = parsed.data;
  return inOrgScope(options.orm, orgId, async (em) => {
    await em.execute(`delete from access.idempotency_record where org_id = ? and actor_id = ? and key = ? and status = 'RUNNING'`, [orgId, actorId, key]);
    return { released: true };
  });
}
