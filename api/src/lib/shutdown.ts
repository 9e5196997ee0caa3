import net from 'node:net';
import type { Server } from 'node:http';

interface SocketState {
  busy: boolean;
  /** When the socket was accepted or last finished a response. */
  since: number;
}

/**
 * Graceful stop for an HTTP server, installed when it starts. Node's `server.close()` also closes every
 * connection it considers idle at that instant, which includes a connection whose request is still in the
 * socket buffer, not yet parsed: that client gets ECONNRESET. And connections still in the kernel's accept
 * queue are reset when the listening socket closes; under load the event loop can take hundreds of ms to
 * accept them (the SIGTERM drill saw both). So on stop we keep accepting for `acceptGraceMs` while every
 * answer says `Connection: close`, then stop listening, close sockets idle for `idleMs`, and cut whatever
 * is left after `timeoutMs`.
 */
export function trackForShutdown(
  server: Server,
  opts: { idleMs?: number; acceptGraceMs?: number } = {},
): (timeoutMs?: number) => Promise<void> {
  const idleMs = opts.idleMs ?? 500;
  const acceptGraceMs = opts.acceptGraceMs ?? 1000;
  const sockets = new Map<net.Socket, SocketState>();
  let draining = false;
  server.on('connection', (socket: net.Socket) => {
    sockets.set(socket, { busy: false, since: Date.now() });
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('request', (req, res) => {
    const state = sockets.get(req.socket);
    if (state) state.busy = true;
    if (draining) res.setHeader('Connection', 'close');
    res.once('finish', () => {
      if (state) Object.assign(state, { busy: false, since: Date.now() });
    });
  });

  return async (timeoutMs = 10_000) => {
    draining = true;
    if (acceptGraceMs > 0) await new Promise((resolve) => setTimeout(resolve, acceptGraceMs));
    const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
    const sweep = setInterval(() => {
      const now = Date.now();
      for (const [socket, state] of sockets) if (!state.busy && now - state.since >= idleMs) socket.destroy();
    }, 100);
    const deadline = setTimeout(() => server.closeAllConnections(), timeoutMs);
    try {
      await closed;
    } finally {
      clearInterval(sweep);
      clearTimeout(deadline);
    }
  };
}
