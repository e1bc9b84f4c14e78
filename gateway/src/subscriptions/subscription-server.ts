import type { IncomingHttpHeaders, IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { parse } from 'graphql';
import type { GraphQLSchema, ValidationRule } from 'graphql';
import { MessageType, parseMessage } from 'graphql-ws';
import type { Message } from 'graphql-ws';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { uuidv7 } from '@flowledger/shared';
import type { Logger, OrgContext } from '@flowledger/shared';
import type { ApiClient, AuthResult } from '../authenticate.ts';
import { prepareSubscription } from './prepare-subscription.ts';
import { shareKeyOf } from './subscription-hub.ts';
import type { Subscriber, SubscriptionHub } from './subscription-hub.ts';

/** The graphql-ws sub-protocol (GraphQL over WebSocket, "graphql-transport-ws"). */
export const GRAPHQL_TRANSPORT_WS = 'graphql-transport-ws';

/** Close codes: graphql-ws's, plus one of ours for a subscriber too slow to keep up. */
export const CLOSE = {
  badRequest: 4400,
  unauthorized: 4401,
  forbidden: 4403,
  subprotocolNotAcceptable: 4406,
  initTimeout: 4408,
  subscriberExists: 4409,
  /** More unsent data than `maxBufferedBytes`: reconnect and catch up through the cursor lists. */
  backlogExceeded: 4413,
  tooManyInits: 4429,
  internalError: 4500,
  /** The credential could not be checked (the access service did not answer): retry later. */
  unavailable: 4503,
} as const;

export interface SubscriptionServerOptions {
  server: Server;
  /** The path HTTP GraphQL is served on: the sockets share it. */
  path: string;
  hub: SubscriptionHub;
  /** The API schema, once the gateway has loaded it. */
  schema: () => GraphQLSchema;
  validationRules: ValidationRule[];
  authenticate(headers: IncomingHttpHeaders, requestId: string): Promise<AuthResult>;
  log: Logger;
  /** How long a socket may take to send connection_init. Default 10 s. */
  initTimeoutMs?: number;
  /** The per-socket bound on unsent data; past it the socket is closed with 4413. Default 1 MiB. */
  maxBufferedBytes?: number;
  /** Subscriptions one socket may hold. Default 100. */
  maxSubscriptionsPerSocket?: number;
  /** Whether a connected session still holds (its membership was not removed). */
  revalidate?: (org: OrgContext) => Promise<boolean>;
  /** How often every open socket is revalidated. Default 30 s. */
  revalidateMs?: number;
  /** How often every socket is pinged; one that missed the previous ping is terminated. Default 12 s. */
  keepAliveMs?: number;
  /** The parser's token limit for subscription documents. Default 4000. */
  maxTokens?: number;
  /** Whether a browser page of this Origin may open a socket (the same list as HTTP's CORS). */
  allowOrigin?: (origin: string) => boolean;
  /** A partner app's subscription document: the registered operation its payload names. */
  documentFor?: (org: OrgContext, client: ApiClient, payload: SubscribePayload) => Promise<SocketDocument>;
}

type SubscribePayload = {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  extensions?: Record<string, unknown> | null;
};

/** The document a partner app's subscription runs: its registered operation, or why not. */
export type SocketDocument = { ok: true; query: string } | { ok: false; code: string; message: string };

interface Connection {
  socket: WebSocket;
  org: OrgContext | null;
  /** Set for a partner app (an API key): it may subscribe only with its registered operations. */
  client: ApiClient | null;
  subscriptions: Map<string, Subscriber>;
  /** Answered the last keep-alive ping. */
  alive: boolean;
}

/**
 * Serves GraphQL subscriptions over WebSocket on the HTTP server's GraphQL path, speaking the
 * graphql-ws protocol. The credential comes in connection_init's payload (`authorization`); a refused
 * one, and later its expiry, close the socket with 4403 (graphql-ws clients retry with fresh params).
 * Written for this gateway rather than taken from graphql-ws's server so that one event's result is
 * serialised once for all the subscribers that share it.
 */
export function attachSubscriptionServer(options: SubscriptionServerOptions) {
  const maxBuffered = options.maxBufferedBytes ?? 1_048_576;
  const maxSubscriptions = options.maxSubscriptionsPerSocket ?? 100;
  const initTimeoutMs = options.initTimeoutMs ?? 10_000;
  const connections = new Set<Connection>();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 1_048_576,
    handleProtocols: (protocols) => (protocols.has(GRAPHQL_TRANSPORT_WS) ? GRAPHQL_TRANSPORT_WS : false),
  });

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== options.path) {
      socket.destroy();
      return;
    }
    // A browser always sends its page's Origin: only the allowed ones may open a socket (CSWSH).
    const origin = req.headers.origin;
    if (typeof origin === 'string' && options.allowOrigin && !options.allowOrigin(origin)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  options.server.on('upgrade', onUpgrade);

  wss.on('connection', (socket: WebSocket) => {
    if (socket.protocol !== GRAPHQL_TRANSPORT_WS) {
      socket.close(CLOSE.subprotocolNotAcceptable, 'Subprotocol not acceptable');
      return;
    }
    const connection: Connection = { socket, org: null, client: null, subscriptions: new Map(), alive: true };
    // Subscriptions of a partner app waiting for their registered document.
    const pending = new Set<string>();
    connections.add(connection);
    let initReceived = false;
    let expiry: NodeJS.Timeout | null = null;
    const initTimer = setTimeout(() => connection.org || close(CLOSE.initTimeout, 'Connection initialisation timeout'), initTimeoutMs);
    const send = (message: unknown): void => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
    };
    // A close reason is at most 123 bytes.
    const close = (code: number, reason: string): void => {
      if (socket.readyState === socket.OPEN) socket.close(code, Buffer.from(reason).subarray(0, 120).toString());
    };
    const handlers = { connectionInit, subscribe, complete };

    socket.on('message', (data, isBinary) => {
      // No message, however malformed, may throw out of this listener: it would end the process.
      try {
        if (isBinary) return close(CLOSE.badRequest, 'Invalid message received: binary frames are not part of the protocol');
        let message: Message;
        try {
          message = parseMessage(String(data));
        } catch (error) {
          return close(CLOSE.badRequest, `Invalid message received: ${(error as Error).message}`);
        }
        switch (message.type) {
          case MessageType.ConnectionInit:
            return handlers.connectionInit(message.payload ?? {});
          case MessageType.Ping:
            return send(message.payload ? { type: MessageType.Pong, payload: message.payload } : { type: MessageType.Pong });
          case MessageType.Pong:
            return;
          case MessageType.Subscribe:
            return handlers.subscribe(message.id, message.payload);
          case MessageType.Complete:
            return handlers.complete(message.id);
          default:
            // Valid messages that only a server sends (connection_ack, next, error).
            return close(CLOSE.badRequest, `Unexpected message of type ${message.type} received`);
        }
      } catch (error) {
        options.log.error({ err: error }, 'socket message handling failed');
        close(CLOSE.internalError, 'Internal server error');
      }
    });

    function connectionInit(payload: Record<string, unknown>): void {
      if (initReceived) return close(CLOSE.tooManyInits, 'Too many initialisation requests');
      initReceived = true;
      const authorization = payload.authorization ?? payload.Authorization;
      const apiKey = payload['x-api-key'];
      const credential = {
        authorization: typeof authorization === 'string' ? authorization : undefined,
        ...(apiKey !== undefined ? { 'x-api-key': typeof apiKey === 'string' ? apiKey : '' } : {}),
      };
      void options.authenticate(credential, uuidv7()).then(
        (auth) => {
          // Closed while the credential was being checked: nothing may be armed for a closed socket.
          if (socket.readyState !== socket.OPEN) return;
          if (!auth.ok) return auth.status === 503 ? close(CLOSE.unavailable, 'Service unavailable: retry') : close(CLOSE.forbidden, 'Forbidden');
          connection.org = auth.org;
          connection.client = auth.client ?? null;
          clearTimeout(initTimer);
          // setTimeout holds at most ~24.8 days; a longer-lived token is re-armed by the revalidation sweep.
          expiry = setTimeout(() => close(CLOSE.forbidden, 'Forbidden: credential expired'), Math.min(auth.expiresAt - Date.now(), 2 ** 31 - 1));
          send({ type: MessageType.ConnectionAck });
        },
        (error: unknown) => {
          options.log.error({ err: error }, 'socket authentication failed');
          close(CLOSE.internalError, 'Internal server error');
        },
      );
    }

    function subscribe(id: string, payload: SubscribePayload): void {
      if (!connection.org) return close(CLOSE.unauthorized, 'Unauthorized');
      if (connection.subscriptions.has(id) || pending.has(id)) return close(CLOSE.subscriberExists, `Subscriber for ${id} already exists`);
      const client = connection.client;
      if (!client || !options.documentFor) return start(id, payload);
      pending.add(id);
      options.documentFor(connection.org, client, payload).then(
        (verdict) => {
          // Completed, or the socket closed, while the document was looked up.
          if (!pending.delete(id) || socket.readyState !== socket.OPEN) return;
          if (!verdict.ok) return send({ id, type: MessageType.Error, payload: [{ message: verdict.message, extensions: { code: verdict.code } }] });
          start(id, { ...payload, query: verdict.query });
        },
        () => {
          if (pending.delete(id) && socket.readyState === socket.OPEN) {
            send({
              id,
              type: MessageType.Error,
              payload: [{ message: 'the document store is unavailable; try again', extensions: { code: 'SERVICE_UNAVAILABLE' } }],
            });
          }
        },
      );
    }

    function start(id: string, payload: SubscribePayload): void {
      if (!connection.org) return;
      const refuse = (errors: { message: string; locations?: unknown; extensions: { code: string } }[]) =>
        send({ id, type: MessageType.Error, payload: errors });
      if (connection.subscriptions.size >= maxSubscriptions)
        return refuse([{ message: `at most ${maxSubscriptions} subscriptions per socket`, extensions: { code: 'RATE_LIMITED' } }]);
      let document;
      try {
        document = parse(payload.query, { maxTokens: options.maxTokens ?? 4000 });
      } catch (error) {
        return refuse([{ message: (error as Error).message, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }]);
      }
      const result = prepareSubscription({
        schema: options.schema(),
        document,
        operationName: payload.operationName,
        variables: payload.variables,
        validationRules: options.validationRules,
      });
      if (!result.ok)
        return refuse(
          result.errors.map((e) => ({
            message: e.message,
            ...(e.locations ? { locations: e.locations } : {}),
            extensions: { code: (e.extensions?.code as string | undefined) ?? 'GRAPHQL_VALIDATION_FAILED' },
          })),
        );
      const org = connection.org;
      const prefix = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
      const subscriber: Subscriber = {
        org,
        prepared: result.prepared,
        shareKey: shareKeyOf(org, result.prepared),
        deliver: (payloadJson) => {
          if (socket.readyState !== socket.OPEN) return;
          if (socket.bufferedAmount > maxBuffered) return closeBacklogged();
          socket.send(prefix + payloadJson + '}');
        },
        fail: (errors) => {
          // A selection that can no longer be resolved ends only itself, as graphql-ws ends an operation.
          if (connection.subscriptions.get(id) !== subscriber) return;
          connection.subscriptions.delete(id);
          options.hub.remove(subscriber);
          send({ id, type: MessageType.Error, payload: errors });
        },
      };
      connection.subscriptions.set(id, subscriber);
      options.hub.add(subscriber);
    }

    function complete(id: string): void {
      pending.delete(id);
      const subscriber = connection.subscriptions.get(id);
      if (!subscriber) return;
      options.hub.remove(subscriber);
      connection.subscriptions.delete(id);
    }

    socket.on('pong', () => (connection.alive = true));
    /** Stops everything a connection holds at once: its subscriptions, its timers, its place in the set. */
    function release(): void {
      clearTimeout(initTimer);
      if (expiry) clearTimeout(expiry);
      for (const subscriber of connection.subscriptions.values()) options.hub.remove(subscriber);
      connection.subscriptions.clear();
      connections.delete(connection);
    }

    /**
     * A subscriber too slow to keep up: nothing more is produced for it from now on (its close frame
     * waits behind the backlog, and it may never read it), and it is cut if the close does not finish.
     */
    function closeBacklogged(): void {
      release();
      close(CLOSE.backlogExceeded, 'Subscriber backlog exceeded: reconnect and catch up');
      setTimeout(() => socket.readyState !== socket.CLOSED && socket.terminate(), 10_000).unref();
    }

    socket.on('close', release);
    socket.on('error', (error) => options.log.warn({ err: error }, 'socket error'));
  });

  // Keep-alive: a WebSocket ping to every socket; one that did not answer the previous ping is dead
  // (a peer gone without a close frame, a cut network) and is terminated, freeing its subscriptions.
  const keepAlive = setInterval(() => {
    for (const connection of connections) {
      if (!connection.alive) {
        connection.socket.terminate();
        continue;
      }
      connection.alive = false;
      try {
        connection.socket.ping();
      } catch {
        connection.socket.terminate();
      }
    }
  }, options.keepAliveMs ?? 12_000);
  keepAlive.unref();

  // A membership removed while sockets are open ends them: checked in one sweep for all sockets,
  // one (cached) lookup per session rather than per socket.
  const sweep = options.revalidate
    ? setInterval(() => {
        const bySession = new Map<string, Connection[]>();
        for (const connection of connections) {
          if (!connection.org) continue;
          const key = `${connection.org.actor.id}:${connection.org.orgId}`;
          bySession.set(key, [...(bySession.get(key) ?? []), connection]);
        }
        for (const group of bySession.values()) {
          options.revalidate!(group[0]!.org!).then(
            (valid) => valid || group.forEach(({ socket }) => socket.close(CLOSE.forbidden, 'Forbidden: membership changed')),
            (error: unknown) => options.log.warn({ err: error }, 'socket revalidation failed; keeping the socket'),
          );
        }
      }, options.revalidateMs ?? 30_000)
    : null;
  sweep?.unref();

  return {
    connections,
    /** Ends every socket an actor opened (a revoked API key): 4403, as for a removed membership. */
    closeActor(actorId: string, reason: string): number {
      let closed = 0;
      for (const connection of connections) {
        if (connection.org?.actor.id !== actorId) continue;
        connection.socket.close(CLOSE.forbidden, reason);
        closed++;
      }
      return closed;
    },
    /** Closes every socket (1001, going away) so clients reconnect elsewhere. */
    async close(): Promise<void> {
      if (sweep) clearInterval(sweep);
      clearInterval(keepAlive);
      options.server.off('upgrade', onUpgrade);
      for (const { socket } of connections) socket.close(1001, 'Going away');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
