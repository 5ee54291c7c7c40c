import net from 'node:net';

/**
 * A TCP proxy in front of one of the run's servers (its Postgres, its NATS), for one app: `cut()`
 * drops every connection through it and refuses new ones, as a failover or a network partition
 * does to that app alone, until `restore()`. The server itself, and every other app, carry on.
 * `dropNextSending(text)` loses one connection at a chosen moment: the next time the app sends
 * `text` on it.
 */
export class TcpProxy {
  private readonly sockets = new Set<net.Socket>();
  private refusing = false;
  private armed?: { text: string; dropped: () => void };

  private constructor(
    private readonly server: net.Server,
    readonly url: string,
  ) {}

  static async start(serverUrl: string): Promise<TcpProxy> {
    const target = new URL(serverUrl);
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = new URL(serverUrl);
    url.hostname = '127.0.0.1';
    url.port = String((server.address() as net.AddressInfo).port);
    const proxy = new TcpProxy(server, url.href);
    server.on('connection', (client) => proxy.accept(client, target));
    return proxy;
  }

  cut(): void {
    this.refusing = true;
    for (const socket of this.sockets) socket.destroy();
  }

  restore(): void {
    this.refusing = false;
  }

  /**
   * Resolves once the next client message containing `text` (a statement's SQL, say) has been
   * swallowed and its connection closed on both sides, as a connection lost mid-request is.
   */
  dropNextSending(text: string): Promise<void> {
    return new Promise((dropped) => {
      this.armed = { text, dropped };
    });
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private accept(client: net.Socket, target: URL): void {
    if (this.refusing) {
      client.destroy();
      return;
    }
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const [socket, other] of [
      [client, upstream],
      [upstream, client],
    ]) {
      this.sockets.add(socket);
      socket.on('error', () => other.destroy());
      socket.on('close', () => {
        this.sockets.delete(socket);
        other.destroy();
      });
    }
    upstream.pipe(client);
    client.on('data', (chunk: Buffer) => {
      const armed = this.armed;
      if (armed && chunk.includes(armed.text)) {
        this.armed = undefined;
        client.destroy();
        upstream.destroy();
        armed.dropped();
        return;
      }
      if (!upstream.write(chunk)) {
        client.pause();
        upstream.once('drain', () => client.resume());
      }
    });
  }
}
