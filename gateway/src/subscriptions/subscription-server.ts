import type { IncomingHttpHeaders, IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { parse } from 'graphql';
import type { GraphQLSchema, ValidationRule } from 'graphql';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { uuidv7 } from '@flowledger/shared';
import type { Logger, OrgContext } from '@flowledger/shared';
import type { AuthResult } from '../authenticate.ts';
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
}

interface Connection {
  socket: WebSocket;
  org: OrgContext | null;
  subscriptions: Map<string, Subscriber>;
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
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  options.server.on('upgrade', onUpgrade);

  wss.on('connection', (socket: WebSocket) => {
    if (socket.protocol !== GRAPHQL_TRANSPORT_WS) {
      socket.close(CLOSE.subprotocolNotAcceptable, 'Subprotocol not acceptable');
      return;
    }
    const connection: Connection = { socket, org: null, subscriptions: new Map() };
    connections.add(connection);
    let initReceived = false;
    let expiry: NodeJS.Timeout | null = null;
    const initTimer = setTimeout(() => connection.org || socket.close(CLOSE.initTimeout, 'Connection initialisation timeout'), options.initTimeoutMs ?? 10_000);
    const send = (message: unknown) => socket.readyState === socket.OPEN && socket.send(JSON.stringify(message));

    socket.on('message', (data, isBinary) => {
      let message: { type?: unknown; id?: unknown; payload?: any };
      try {
        message = JSON.parse(isBinary ? '' : String(data));
      } catch {
        socket.close(CLOSE.badRequest, 'Invalid message received');
        return;
      }
      switch (message?.type) {
        case 'connection_init': {
          if (initReceived) return socket.close(CLOSE.tooManyInits, 'Too many initialisation requests');
          initReceived = true;
          const payload = (message.payload ?? {}) as Record<string, unknown>;
          const authorization = payload.authorization ?? payload.Authorization;
          void options.authenticate({ authorization: typeof authorization === 'string' ? authorization : undefined }, uuidv7()).then((auth) => {
            if (!auth.ok) return auth.status === 503 ? socket.close(CLOSE.unavailable, 'Service unavailable: retry') : socket.close(CLOSE.forbidden, 'Forbidden');
            connection.org = auth.org;
            clearTimeout(initTimer);
            // setTimeout holds at most ~24.8 days; a longer-lived token is re-armed by the revalidation sweep.
            expiry = setTimeout(() => socket.close(CLOSE.forbidden, 'Forbidden: credential expired'), Math.min(auth.expiresAt - Date.now(), 2 ** 31 - 1));
            send({ type: 'connection_ack' });
          }, (error: unknown) => {
            options.log.error({ err: error }, 'socket authentication failed');
            socket.close(1011, 'Internal error');
          });
          return;
        }
        case 'ping':
          return send({ type: 'pong', ...(message.payload ? { payload: message.payload } : {}) });
        case 'pong':
          return;
        case 'subscribe': {
          if (!connection.org) return socket.close(CLOSE.unauthorized, 'Unauthorized');
          const id = message.id;
          if (typeof id !== 'string' || !id || typeof message.payload?.query !== 'string') return socket.close(CLOSE.badRequest, 'Invalid message received');
          if (connection.subscriptions.has(id)) return socket.close(CLOSE.subscriberExists, `Subscriber for ${id} already exists`);
          if (connection.subscriptions.size >= maxSubscriptions) return send({ id, type: 'error', payload: [{ message: `at most ${maxSubscriptions} subscriptions per socket`, extensions: { code: 'RATE_LIMITED' } }] });
          let document;
          try {
            document = parse(message.payload.query, { maxTokens: 4000 });
          } catch (error) {
            return send({ id, type: 'error', payload: [{ message: (error as Error).message, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }] });
          }
          const result = prepareSubscription({ schema: options.schema(), document, operationName: message.payload.operationName, variables: message.payload.variables, validationRules: options.validationRules });
          if (!result.ok) return send({ id, type: 'error', payload: result.errors.map((e) => ({ message: e.message, ...(e.locations ? { locations: e.locations } : {}), extensions: { code: (e.extensions?.code as string | undefined) ?? 'GRAPHQL_VALIDATION_FAILED' } })) });
          const org = connection.org;
          const prefix = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
          const subscriber: Subscriber = {
            org,
            prepared: result.prepared,
            shareKey: shareKeyOf(org, result.prepared),
            deliver: (payloadJson) => {
              if (socket.readyState !== socket.OPEN) return;
              if (socket.bufferedAmount > maxBuffered) return socket.close(CLOSE.backlogExceeded, 'Subscriber backlog exceeded: reconnect and catch up');
              socket.send(prefix + payloadJson + '}');
            },
          };
          connection.subscriptions.set(id, subscriber);
          options.hub.add(subscriber);
          return;
        }
        case 'complete': {
          const subscriber = typeof message.id === 'string' ? connection.subscriptions.get(message.id) : undefined;
          if (subscriber) {
            options.hub.remove(subscriber);
            connection.subscriptions.delete(message.id as string);
          }
          return;
        }
        default:
          socket.close(CLOSE.badRequest, 'Invalid message received');
      }
    });

    socket.on('close', () => {
      clearTimeout(initTimer);
      if (expiry) clearTimeout(expiry);
      for (const subscriber of connection.subscriptions.values()) options.hub.remove(subscriber);
      connection.subscriptions.clear();
      connections.delete(connection);
    });
    socket.on('error', (error) => options.log.warn({ err: error }, 'socket error'));
  });

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
            (valid) => valid || group.forEach(({ socket }) => socket.close(CLOSE.forbidden, 'Forbidden: membership revoked')),
            (error: unknown) => options.log.warn({ err: error }, 'socket revalidation failed; keeping the socket'),
          );
        }
      }, options.revalidateMs ?? 30_000)
    : null;
  sweep?.unref();

  return {
    connections,
    /** Closes every socket (1001, going away) so clients reconnect elsewhere. */
    async close(): Promise<void> {
      if (sweep) clearInterval(sweep);
      options.server.off('upgrade', onUpgrade);
      for (const { socket } of connections) socket.close(1001, 'Going away');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
