import type { Server } from 'node:http';

/** The exit code of a process that cannot start as configured (sysexits' EX_CONFIG): not worth a restart. */
export const EXIT_CONFIG = 78;

export class PortInUseError extends Error {
  constructor(port: number, host: string, variable: string) {
    super(`port ${port} on ${host} is already in use: stop what holds it, or set ${variable} to another port`);
    this.name = 'PortInUseError';
  }
}

/**
 * How long an idle keep-alive connection stays open. Node's default (5 s) is shorter than the idle
 * timeout of most clients and load balancers (undici 4 s but longer once its event loop is busy,
 * AWS ALB 60 s): when the server closes first, a request sent on the closing socket fails with
 * "other side closed" — a POST that no client retries. Outliving the client avoids the race.
 */
export const IDLE_CONNECTION_MS = 65_000;

/**
 * Listens, or fails with an error that names the port and the variable that sets it (a raw
 * EADDRINUSE stack tells a person neither). Sets the keep-alive above first.
 */
export function listen(server: Server, options: { port: number; host: string; variable: string }): Promise<void> {
  server.keepAliveTimeout = IDLE_CONNECTION_MS;
  return new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(options.port, options.host, options.variable) : error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(options.port, options.host);
  });
}
