import type { IncomingMessage } from 'node:http';
import { HeaderMap } from '@apollo/server';
import type { HTTPGraphQLRequest } from '@apollo/server';

export class MalformedBodyError extends Error {}

/** Adapts a Node request (whose body was already read) to Apollo Server's transport-neutral form. */
export function toApolloRequest(req: IncomingMessage, body: Buffer): HTTPGraphQLRequest {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  let parsed: unknown = undefined;
  // Media types are case-insensitive (RFC 9110): APPLICATION/JSON is JSON.
  const contentType = (headers.get('content-type') ?? '').toLowerCase();
  if (contentType) headers.set('content-type', contentType);
  if (body.length > 0 && contentType.includes('json')) {
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw new MalformedBodyError('request body is not valid JSON');
    }
  }
  return { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body: parsed };
}
