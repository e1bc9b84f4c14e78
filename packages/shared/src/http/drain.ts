import type { Server } from 'node:http';

/**
 * Returns a closer that stops accepting connections, lets in-flight requests finish (up to the
 * grace period) and then closes idle keep-alive sockets, so SIGTERM loses no answered request.
 */
export function drainOnClose(server: Server): (graceMs: number) => Promise<void> {
  return (graceMs) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      timer.unref();
      server.close(() => {
        clearTimeout(timer);
        resolve();
      });
      server.closeIdleConnections();
    });
}
