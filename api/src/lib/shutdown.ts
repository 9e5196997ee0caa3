import net from 'node:net';
import type { Server } from 'node:http';

/**
 * Stop an HTTP server without dropping requests. Node's `server.close()` also closes every connection
 * it considers idle at that instant, which includes a connection whose request is already in the socket
 * buffer but not yet parsed: that client gets ECONNRESET (the SIGTERM drill caught this). So: stop
 * accepting, let requests already on the wire be read and answered, close idle keep-alive connections a
 * little later and again until none are left, and cut whatever remains after `timeoutMs`.
 */
export async function closeGracefully(server: Server, timeoutMs = 10_000): Promise<void> {
  const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
  const idleSweep = setInterval(() => server.closeIdleConnections(), 200);
  const deadline = setTimeout(() => server.closeAllConnections(), timeoutMs);
  try {
    await closed;
  } finally {
    clearInterval(idleSweep);
    clearTimeout(deadline);
  }
}
