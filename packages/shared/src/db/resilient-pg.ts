import pg from 'pg';
import type { Logger } from '../log.ts';

/**
 * A pg pool that survives a dropped connection. pg-pool re-emits an idle client's error on the pool,
 * and an 'error' event without a listener is an uncaught exception that ends the process: one
 * `pg_terminate_backend` would take the service down. The pool has already discarded the broken
 * client when we hear of it, so the next checkout opens a fresh one; the query in flight rejects on
 * its own and its caller handles that.
 */
export function createResilientPool(options: { url: string; max: number; log: Logger; name: string }): pg.Pool {
  const pool = new pg.Pool({ connectionString: options.url, max: options.max });
  pool.on('error', (error) => options.log.warn({ err: error, pool: options.name }, 'database connection lost (idle); the pool opens a new one'));
  // A checked-out client is left to its holder by pg-pool, which removes its own listener meanwhile.
  pool.on('connect', (client) => client.on('error', (error) => options.log.warn({ err: error, pool: options.name }, 'database connection lost')));
  releaseBrokenConnections(pool);
  return pool;
}

/**
 * Gives a checked-out connection back to the pool — as broken, so the pool drops it — the moment it
 * ends, and makes a later release by its holder harmless. Kysely (under MikroORM) never releases a
 * transaction's connection when its COMMIT or ROLLBACK fails, which is exactly what a terminated
 * connection does: without this, every connection killed mid-transaction leaks a pool slot until the
 * pool is exhausted and the service hangs.
 */
export function releaseBrokenConnections(pool: pg.Pool): void {
  type Done = (error: Error | undefined, client?: pg.PoolClient, release?: (error?: Error | boolean) => void) => void;
  const connect = pool.connect.bind(pool) as (callback: Done) => void;
  const guard = (client: pg.PoolClient): pg.PoolClient => {
    const release = client.release.bind(client);
    let released = false;
    const onEnd = () => finish(new Error('connection ended while checked out'));
    function finish(error?: Error | boolean): void {
      if (released) return;
      released = true;
      client.off('end', onEnd);
      release(error);
    }
    client.on('end', onEnd);
    client.release = finish;
    return client;
  };
  // pg-pool's own pool.query uses the callback form; Kysely the promise form.
  (pool as { connect: unknown }).connect = (callback?: Done) => {
    if (callback) {
      connect((error, client) => (error || !client ? callback(error) : callback(undefined, guard(client), client.release)));
      return undefined;
    }
    return new Promise<pg.PoolClient>((resolve, reject) => connect((error, client) => (error || !client ? reject(error) : resolve(guard(client)))));
  };
}

/** Reconnection delay after `failures` consecutive failures: 100 ms doubling to `capMs`. */
export function reconnectDelayMs(failures: number, capMs = 5000): number {
  return Math.min(capMs, 100 * 2 ** Math.max(0, failures - 1));
}

export interface ResilientListenerOptions {
  url: string;
  channels: string[];
  log: Logger;
  /** Names the listener in the logs. */
  name: string;
  onNotification(message: pg.Notification): void;
  /**
   * After every successful LISTEN, the first one included (`reconnected` false). Notifications sent
   * while the connection was away are gone: this is where a listener catches up.
   */
  onConnected?(info: { reconnected: boolean; downSince: Date | null }): void;
  /** The backoff's cap. Default 5 s. */
  maxDelayMs?: number;
}

export interface ResilientListener {
  /** Resolves once the first LISTEN succeeded (it keeps trying meanwhile; `close` ends the wait). */
  ready: Promise<void>;
  readonly connected: boolean;
  close(): Promise<void>;
}

/**
 * A LISTEN connection that comes back: on an error or an end it reconnects forever with capped
 * backoff, says so in the log, and calls `onConnected` so the owner can catch up on what it missed.
 */
export function createResilientListener(options: ResilientListenerOptions): ResilientListener {
  let client: pg.Client | null = null;
  let connected = false;
  let closed = false;
  let everConnected = false;
  let downSince: Date | null = null;
  let failures = 0;
  let retryTimer: NodeJS.Timeout | null = null;
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));

  function lost(which: pg.Client, error: unknown): void {
    if (which !== client) return;
    client = null;
    if (connected || !downSince) downSince = new Date();
    connected = false;
    which.removeAllListeners('notification');
    which.end().catch(() => {});
    if (closed) return;
    failures++;
    const delay = reconnectDelayMs(failures, options.maxDelayMs);
    options.log.warn({ err: error, listener: options.name, retryInMs: delay, failures }, 'LISTEN connection lost; reconnecting');
    retryTimer = setTimeout(connect, delay);
  }

  function connect(): void {
    retryTimer = null;
    if (closed) return;
    const attempt = new pg.Client({ connectionString: options.url });
    client = attempt;
    attempt.on('notification', (message) => {
      try {
        options.onNotification(message);
      } catch (error) {
        options.log.error({ err: error, listener: options.name }, 'notification handler failed');
      }
    });
    attempt.on('error', (error) => lost(attempt, error));
    attempt.on('end', () => lost(attempt, new Error('connection ended')));
    (async () => {
      await attempt.connect();
      for (const channel of options.channels) await attempt.query(`listen ${pg.escapeIdentifier(channel)}`);
    })().then(
      () => {
        if (attempt !== client) return;
        connected = true;
        failures = 0;
        const reconnected = everConnected;
        everConnected = true;
        const since = downSince;
        downSince = null;
        if (reconnected) options.log.info({ listener: options.name, downMs: since ? Date.now() - since.getTime() : null }, 'LISTEN connection back');
        resolveReady();
        try {
          options.onConnected?.({ reconnected, downSince: since });
        } catch (error) {
          options.log.error({ err: error, listener: options.name }, 'reconnection handler failed');
        }
      },
      (error: unknown) => lost(attempt, error),
    );
  }

  connect();
  return {
    ready,
    get connected() {
      return connected;
    },
    async close() {
      closed = true;
      resolveReady();
      if (retryTimer) clearTimeout(retryTimer);
      const current = client;
      client = null;
      connected = false;
      await current?.end().catch(() => {});
    },
  };
}

/**
 * One short-lived connection for a piece of work (bootstrap, migrations, test databases), ended
 * afterwards whatever happens. A connection dropped between two queries emits 'error', which
 * without a listener would end the process: here it is kept, and the next query rejects with it.
 */
export async function withPgClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  let lost: Error | null = null;
  client.on('error', (error) => (lost = error));
  await client.connect();
  try {
    return await work(client);
  } catch (error) {
    throw lost ?? error;
  } finally {
    await client.end().catch(() => {});
  }
}
