import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP relay in front of a server, so a suite can cut it off (refused connections, open ones
 * dropped) and bring it back on the same port, the way a real outage looks to a client.
 */
export class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  /** Per open connection, the server's side of it. */
  private readonly upstreams = new Map<Socket, Socket>();
  private muted = false;
  private boundPort = 0;

  private constructor(private readonly target: URL) {}

  /** Starts relaying a random loopback port to `targetUrl` (http://host:port). */
  static async start(targetUrl: string): Promise<TcpProxy> {
    const proxy = new TcpProxy(new URL(targetUrl));
    await proxy.up();
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.boundPort}`;
  }

  /** Listens again (on the same port after the first time). */
  async up(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => this.relay(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.boundPort, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (address && typeof address === 'object') this.boundPort = address.port;
    this.server = server;
  }

  /**
   * From now until `down`, what the server sends is dropped on the way: requests still reach
   * it and it works on them, but no answer reaches a client (a link that fails one way).
   */
  muteReplies(): void {
    this.muted = true;
    for (const [client, upstream] of this.upstreams) {
      upstream.unpipe(client);
      upstream.on('data', () => undefined);
    }
  }

  /** Stops listening and drops every open connection: clients now get ECONNREFUSED. */
  async down(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.muted = false;
    this.upstreams.clear();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await closed;
  }

  private relay(client: Socket): void {
    const upstream = connect(Number(this.target.port), this.target.hostname);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    if (this.muted) upstream.on('data', () => undefined);
    else upstream.pipe(client);
    this.upstreams.set(client, upstream);
    client.once('close', () => this.upstreams.delete(client));
  }
}
