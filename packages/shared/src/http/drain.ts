import type { Server } from 'node:http';

/**
 * Returns a closer that stops accepting connections, lets in-flight requests finish (up to the
 * grace period) and closes keep-alive sockets as soon as they fall idle, so SIGTERM loses no
 * answered request. The idle sweep repeats because a socket whose request finishes during the
 * drain would otherwise stay open for the whole keep-alive timeout (65 s, see listen.ts).
 */
export function drainOnClose(server: Server): (graceMs: number) => Promise<void> {
  return (graceMs) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      const sweep = setInterval(() => server.closeIdleConnections(), 25);
      timer.unref();
      sweep.unref();
      server.close(() => {
        clearTimeout(timer);
        clearInterval(sweep);
        resolve();
      });
      server.closeIdleConnections();
    });
}
