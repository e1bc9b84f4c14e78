import { createHash } from 'node:crypto';
import type { HTTPGraphQLRequest } from '@apollo/server';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { accessCaller } from './access-call.ts';
import type { ApiClient } from './authenticate.ts';

/** APQ documents kept per organisation in Redis (the least recently registered go first), and for how long. */
const REDIS_APQ_MAX_PER_ORG = 10_000;
const REDIS_APQ_TTL_S = 30 * 86_400;

/**
 * APQ documents in Redis (when REDIS_URL is set): one key per document under its organisation, and a
 * sorted set per organisation that bounds them.
 */
function redisApqStore(redis: Redis) {
  const docKey = (orgId: string, hash: string) => `flowledger:apq:${orgId}:${hash}`;
  const indexKey = (orgId: string) => `flowledger:apq-index:${orgId}`;
  return {
    get: (orgId: string, hash: string) => redis.get(docKey(orgId, hash)),
    async set(orgId: string, hash: string, body: string): Promise<void> {
      await redis
        .multi()
        .set(docKey(orgId, hash), body, 'EX', REDIS_APQ_TTL_S)
        .zadd(indexKey(orgId), Date.now(), hash)
        .expire(indexKey(orgId), REDIS_APQ_TTL_S)
        .exec();
      const excess = (await redis.zcard(indexKey(orgId))) - REDIS_APQ_MAX_PER_ORG;
      if (excess > 0) {
        const oldest = await redis.zpopmin(indexKey(orgId), excess);
        const hashes = oldest.filter((_, i) => i % 2 === 0);
        if (hashes.length) await redis.del(...hashes.map((h) => docKey(orgId, h)));
      }
    },
  };
}

/** Where documents known by hash live: the access subgraph (PostgreSQL, per organisation, under RLS); APQ in Redis when set. */
export interface DocumentStore {
  /** A partner app's registered operation. */
  persisted(orgId: string, clientName: string, hash: string): Promise<string | null>;
  /** A document a person's client registered by APQ. */
  apq(orgId: string, hash: string): Promise<string | null>;
  storeApq(orgId: string, hash: string, body: string): Promise<void>;
}

/**
 * The access subgraph's document store behind a local cache. A document's hash is its body's
 * SHA-256, so a found document never changes and stays cached; "not found" is cached for a few
 * seconds only, so a manifest registered a moment ago is seen by every gateway process soon.
 */
export function createDocumentStore(options: { accessUrl: string; signingSecret: string; timeoutMs?: number; redis?: Redis }): DocumentStore {
  const found = new LRUCache<string, string>({ max: 20_000, maxSize: 64 * 1024 * 1024, sizeCalculation: (body) => body.length + 100 });
  const missing = new LRUCache<string, true>({ max: 20_000, ttl: 2000 });
  const call = accessCaller(options);
  const lookUp = async (orgId: string, clientName: string | null, hash: string) => {
    const key = `${orgId}\n${clientName ?? ''}\n${hash}`;
    const hit = found.get(key);
    if (hit !== undefined) return hit;
    if (missing.has(key)) return null;
    const { body } = await call<{ body: string | null }>('document', { orgId, clientName, hash });
    if (body === null) missing.set(key, true);
    else found.set(key, body);
    return body;
  };
  const redisApq = options.redis ? redisApqStore(options.redis) : null;
  return {
    persisted: (orgId, clientName, hash) => lookUp(orgId, clientName, hash),
    async apq(orgId, hash) {
      if (!redisApq) return lookUp(orgId, null, hash);
      const key = `${orgId}\n\n${hash}`;
      const hit = found.get(key);
      if (hit !== undefined) return hit;
      const body = await redisApq.get(orgId, hash);
      if (body !== null) found.set(key, body);
      return body;
    },
    async storeApq(orgId, hash, body) {
      if (redisApq) await redisApq.set(orgId, hash, body);
      else await call('apq', { orgId, hash, body });
      missing.delete(`${orgId}\n\n${hash}`);
      found.set(`${orgId}\n\n${hash}`, body);
    },
  };
}

export type DocumentVerdict = { ok: true } | { ok: false; status: number; code: string; message: string };

const refuse = (status: number, code: string, message: string): DocumentVerdict => ({ ok: false, status, code, message });
const HASH = /^[0-9a-f]{64}$/;

interface Fields {
  query: unknown;
  extensions: Record<string, unknown> | undefined;
  documentId: unknown;
}

function fieldsOf(request: HTTPGraphQLRequest): Fields | 'malformed' | null {
  if (request.method === 'GET') {
    const params = new URLSearchParams(request.search);
    let extensions: unknown;
    try {
      extensions = params.has('extensions') ? JSON.parse(params.get('extensions')!) : undefined;
    } catch {
      return 'malformed';
    }
    return { query: params.get('query') ?? undefined, extensions: extensions as Fields['extensions'], documentId: params.get('documentId') ?? undefined };
  }
  const body = request.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return null;
  const { query, extensions, documentId } = body as Record<string, unknown>;
  return { query, extensions: extensions as Fields['extensions'], documentId };
}

/** Puts the resolved document into the request in place of its id, for Apollo Server to run. */
function withDocument(request: HTTPGraphQLRequest, document: string): void {
  if (request.method === 'GET') {
    const params = new URLSearchParams(request.search);
    params.set('query', document);
    params.delete('documentId');
    const extensions = params.has('extensions') ? JSON.parse(params.get('extensions')!) : null;
    if (extensions && typeof extensions === 'object') {
      delete extensions.persistedQuery;
      params.set('extensions', JSON.stringify(extensions));
    }
    request.search = `?${params.toString()}`;
    return;
  }
  const body = request.body as Record<string, unknown>;
  body.query = document;
  delete body.documentId;
  if (body.extensions && typeof body.extensions === 'object') delete (body.extensions as Record<string, unknown>).persistedQuery;
}

/**
 * Decides which document a request runs, before Apollo Server sees it. A partner app (an API key)
 * runs only its own registered operations, by id: Apollo's `extensions.persistedQuery.sha256Hash` or
 * the persisted-documents draft's `documentId: "sha256:<hex>"`, over POST or GET; a document sent as
 * text is refused (PERSISTED_QUERY_REQUIRED), an id not registered for that app is
 * PERSISTED_QUERY_NOT_FOUND. People keep free-form documents and get APQ: a hash alone is looked up
 * in their organisation's store; a hash with its document registers it, for every gateway process.
 */
export async function resolveDocument(
  request: HTTPGraphQLRequest,
  caller: { orgId: string; client?: ApiClient },
  store: DocumentStore,
): Promise<DocumentVerdict> {
  const fields = fieldsOf(request);
  if (fields === 'malformed') return refuse(400, 'BAD_REQUEST', 'the extensions parameter is not JSON');
  if (fields === null) return caller.client ? refuse(400, 'PERSISTED_QUERY_REQUIRED', 'send a registered operation by its id') : { ok: true };
  const persisted = fields.extensions?.persistedQuery as { version?: unknown; sha256Hash?: unknown } | undefined;
  let hash: string | null = null;
  if (persisted !== undefined) {
    if (persisted === null || typeof persisted !== 'object' || persisted.version !== 1)
      return refuse(400, 'BAD_REQUEST', 'extensions.persistedQuery must be { version: 1, sha256Hash }');
    if (typeof persisted.sha256Hash !== 'string' || !HASH.test(persisted.sha256Hash)) {
      return refuse(400, 'BAD_REQUEST', 'extensions.persistedQuery.sha256Hash must be 64 lower-case hex digits');
    }
    hash = persisted.sha256Hash;
  }
  if (fields.documentId !== undefined) {
    const match = typeof fields.documentId === 'string' ? /^sha256:([0-9a-f]{64})$/.exec(fields.documentId) : null;
    if (!match) return refuse(400, 'BAD_REQUEST', 'documentId must be "sha256:" and 64 lower-case hex digits');
    if (hash !== null && hash !== match[1]) return refuse(400, 'BAD_REQUEST', 'documentId and extensions.persistedQuery name different documents');
    hash = match[1]!;
  }
  const text = typeof fields.query === 'string' && fields.query.length > 0 ? fields.query : null;
  if (caller.client) {
    if (text !== null) return refuse(400, 'PERSISTED_QUERY_REQUIRED', 'an API key runs registered operations only: send the id, not the document');
    if (hash === null)
      return refuse(400, 'PERSISTED_QUERY_REQUIRED', 'send a registered operation by its id (extensions.persistedQuery.sha256Hash or documentId)');
    const document = await store.persisted(caller.orgId, caller.client.name, hash);
    if (document === null) return refuse(200, 'PERSISTED_QUERY_NOT_FOUND', `no operation ${hash} is registered for client "${caller.client.name}"`);
    withDocument(request, document);
    return { ok: true };
  }
  if (hash === null) return { ok: true };
  if (text !== null) {
    if (createHash('sha256').update(text).digest('hex') !== hash) return refuse(400, 'BAD_REQUEST', 'provided sha does not match query');
    await store.storeApq(caller.orgId, hash, text);
    withDocument(request, text);
    return { ok: true };
  }
  const document = await store.apq(caller.orgId, hash);
  // Apollo's message: its clients' persisted-query links recognise it and retry with the document.
  if (document === null) return refuse(200, 'PERSISTED_QUERY_NOT_FOUND', 'PersistedQueryNotFound');
  withDocument(request, document);
  return { ok: true };
}

/**
 * A partner app's subscription document. graphql-ws clients send the document as text, so on a
 * socket an API key may send either the id (`extensions.persistedQuery`) or the text of one of its
 * registered operations — the text must hash to one; anything else is refused as over HTTP.
 */
export async function socketDocument(
  orgId: string,
  client: ApiClient,
  payload: { query?: unknown; extensions?: Record<string, unknown> | null },
  store: DocumentStore,
): Promise<{ ok: true; query: string } | { ok: false; code: string; message: string }> {
  const persisted = payload.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
  const text = typeof payload.query === 'string' && payload.query.length > 0 ? payload.query : null;
  const hash =
    typeof persisted?.sha256Hash === 'string' && HASH.test(persisted.sha256Hash)
      ? persisted.sha256Hash
      : text !== null
        ? createHash('sha256').update(text).digest('hex')
        : null;
  if (hash === null) return { ok: false, code: 'PERSISTED_QUERY_REQUIRED', message: 'send a registered operation, by its id or its exact text' };
  const document = await store.persisted(orgId, client.name, hash);
  if (document === null) return { ok: false, code: 'PERSISTED_QUERY_NOT_FOUND', message: `no operation ${hash} is registered for client "${client.name}"` };
  return { ok: true, query: document };
}
