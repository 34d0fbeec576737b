/**
 * The lab's backend servers: one process in the servers' namespace listens on every backend
 * `server` address of the cluster and answers with the server's key (`backend/server`), over
 * HTTP when the peer speaks first with an HTTP request line, else as a one-line TCP banner. A
 * server is made to fail its health checks by creating `<down>/<key>` (slashes as `~`): its
 * listener closes, so both TCP connect checks and HTTP checks fail, and reopens when the file
 * goes away.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { LabServer } from '../../core/index.js';

/** What the responder is started with (a JSON file). */
export interface ResponderSpec {
  readonly servers: readonly LabServer[];
  /** Folder of the `down` marker files. */
  readonly down: string;
}

/** The marker file name of a server key. */
export function downMarker(key: string): string {
  return key.replace(/[^A-Za-z0-9_.-]/g, '~');
}

function answer(socket: Socket, key: string): void {
  let done = false;
  const banner = setTimeout(() => {
    // The peer said nothing: a TCP client (or a TCP health check, which has already gone).
    done = true;
    socket.end(`${key}\n`);
  }, 150);
  socket.once('data', (chunk: Buffer) => {
    if (done) return;
    clearTimeout(banner);
    done = true;
    const head = chunk.toString('latin1');
    if (/^[A-Z]+ \S+ HTTP\/1\.[01]\r?\n/.test(head)) {
      const body = `${key}\n`;
      socket.end(
        `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n` +
          `Connection: close\r\n\r\n${body}`,
      );
    } else {
      socket.end(`${key}\n`);
    }
  });
  socket.on('error', () => socket.destroy());
}

/** Runs the responder until it is killed. */
export function runResponder(specPath: string): void {
  const spec = JSON.parse(readFileSync(specPath, 'utf8')) as ResponderSpec;
  const listeners = new Map<string, Server | undefined>();
  const byEndpoint = new Map<string, LabServer>();
  for (const server of spec.servers) {
    const endpoint = `${server.host}:${server.port}`;
    if (!byEndpoint.has(endpoint)) byEndpoint.set(endpoint, server);
  }
  const sync = (): void => {
    for (const [endpoint, server] of byEndpoint) {
      const down = existsSync(`${spec.down}/${downMarker(server.key)}`);
      const listening = listeners.get(endpoint);
      if (down && listening) {
        listening.close();
        // Connections already open would keep answering health checks on keep-alive.
        listeners.set(endpoint, undefined);
      } else if (!down && !listening) {
        const listener = createServer((socket) => answer(socket, server.key));
        listener.on('error', (error) => process.stderr.write(`${endpoint}: ${error.message}\n`));
        listener.listen(server.port, server.host);
        listeners.set(endpoint, listener);
      }
    }
  };
  sync();
  setInterval(sync, 100);
  process.stdout.write('ready\n');
}
