/**
 * Small helpers shared by the scripts that run Postgres, NATS and the apps on this machine
 * (npm start, the test setup, the bench).
 */
import { accessSync, constants } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export function findOnPath(command) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory; keep looking.
    }
  }
  return undefined;
}

/** A URL fit for a log line: the password replaced. */
export function redact(url) {
  const copy = new URL(url);
  if (copy.password) copy.password = '***';
  return copy.href;
}

export function canConnect(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const settle = (connected) => {
      socket.destroy();
      resolve(connected);
    };
    socket.setTimeout(timeoutMs, () => settle(false));
    socket.once('connect', () => settle(true));
    socket.once('error', () => settle(false));
  });
}

export function isPortFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port }, () => server.close(() => resolve(true)));
  });
}

/**
 * A port the system just handed out. Another process may take it before the caller binds it;
 * callers check that their server really came up.
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
