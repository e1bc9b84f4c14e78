import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Kind, parse } from 'graphql';
import type { OperationDefinitionNode } from 'graphql';
import { accessCaller } from './access-call.ts';
import type { OrgContext } from '@flowledger/shared';

/** What a mutation answered: replayed byte for byte to every retry with its key. */
export interface StoredResponse {
  status: number;
  body: string;
}

export type IdempotentOutcome = { kind: 'ran' | 'replayed'; response: StoredResponse } | { kind: 'refused'; status: number; code: string; message: string };

/** A key as clients send it: printable ASCII, at most 255 characters (a UUID is what we suggest). */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** How long a retry waits for the first request with its key to finish before it is told 409. */
const WAIT_MS = 10_000;

/**
 * Idempotency keys for mutations (Stripe's `Idempotency-Key`, the IETF draft's semantics), scoped to
 * the organisation and the actor, kept 24 hours in the access subgraph's PostgreSQL, so they hold
 * across gateway processes and restarts. The first request with a key runs; a retry with the same
 * request gets the first response (`Idempotent-Replayed: true`); the same key with another request
 * is refused (IDEMPOTENCY_KEY_REUSED, 422); a retry while the first still runs waits for it, here or
 * on another process, and past ten seconds is told IDEMPOTENCY_KEY_IN_USE (409).
 */
export function createIdempotency(options: { accessUrl: string; signingSecret: string; timeoutMs?: number }) {
  // Same process, same key: wait on the running request itself instead of polling the store.
  const running = new Map<string, Promise<StoredResponse | null>>();
  const access = accessCaller(options);
  const call = <T = unknown>(route: string, payload: unknown) => access<T>(`idempotency/${route}`, payload);

  return async function runOnce(
    org: OrgContext,
    key: string,
    request: { query: string; operationName: unknown; variables: unknown },
    execute: () => Promise<StoredResponse>,
  ): Promise<IdempotentOutcome> {
    const scope = { orgId: org.orgId, actorId: org.actor.id, key };
    const requestHash = createHash('sha256')
      .update(JSON.stringify([request.query, request.operationName ?? null, request.variables ?? null]))
      .digest('hex');
    const local = `${org.orgId}\n${org.actor.id}\n${key}`;
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const mine = running.get(local);
      if (mine) await mine.catch(() => null);
      const claim = await call<{ state: string; status?: number; body?: string }>('claim', { ...scope, requestHash });
      if (claim.state === 'reused')
        return { kind: 'refused', status: 422, code: 'IDEMPOTENCY_KEY_REUSED', message: 'this Idempotency-Key was used for another request' };
      if (claim.state === 'done') return { kind: 'replayed', response: { status: claim.status!, body: claim.body! } };
      if (claim.state === 'claimed') {
        const run = execute();
        running.set(
          local,
          run.then(
            (r) => r,
            () => null,
          ),
        );
        try {
          const response = await run;
          // A 5xx is not an answer to keep: the key is released so the client may retry.
          if (response.status >= 500) await call('release', scope);
          else await call('complete', { ...scope, ...response });
          return { kind: 'ran', response };
        } catch (error) {
          await call('release', scope).catch(() => undefined);
          throw error;
        } finally {
          running.delete(local);
        }
      }
      if (claim.state !== 'running') return { kind: 'refused', status: 400, code: 'BAD_REQUEST', message: 'the Idempotency-Key header is not valid' };
      if (Date.now() > deadline) {
        return { kind: 'refused', status: 409, code: 'IDEMPOTENCY_KEY_IN_USE', message: 'a request with this Idempotency-Key is still running; retry later' };
      }
      if (!running.has(local)) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
}

/** The request's mutation, when it is one sent over POST (only mutations take an Idempotency-Key). */
export function mutationOf(request: { method: string; body: unknown }): { query: string; operationName: unknown; variables: unknown } | null {
  if (request.method !== 'POST' || request.body === null || typeof request.body !== 'object') return null;
  const { query, operationName, variables } = request.body as Record<string, unknown>;
  if (typeof query !== 'string') return null;
  let document;
  try {
    document = parse(query);
  } catch {
    return null;
  }
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const chosen = operations.length === 1 ? operations[0] : operations.find((o) => o.name?.value === operationName);
  return chosen?.operation === 'mutation' ? { query, operationName, variables } : null;
}

/** A kept answer, as Apollo Server would have sent it for this request's Accept, marked when replayed. */
export function sendStored(req: IncomingMessage, res: ServerResponse, outcome: { kind: 'ran' | 'replayed'; response: StoredResponse }): void {
  const accept = String(req.headers.accept ?? '');
  res.writeHead(outcome.response.status, {
    'content-type': accept.includes('application/graphql-response+json')
      ? 'application/graphql-response+json; charset=utf-8'
      : 'application/json; charset=utf-8',
    ...(outcome.kind === 'replayed' ? { 'idempotent-replayed': 'true' } : {}),
  });
  res.end(outcome.response.body);
}
