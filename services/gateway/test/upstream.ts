import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** Bytes of body received so far (the whole body once `complete`). */
  bytes: number;
  complete: boolean;
  aborted: boolean;
}

/**
 * A real HTTP server standing where a service would be, for the front door's own tests: it records
 * what reaches it and answers like a (lax) service, with its own laxer security headers. Some paths
 * behave badly on purpose:
 * - `/stream` sends a first line, then waits for `release()` before the second and the end;
 * - `/never` never answers;
 * - `/hang-up` cuts the connection without answering;
 * - `/echo` answers 200 with the very bytes it received, under the Content-Type it received;
 * - anything else reads the whole body and answers 200 JSON `{ service, method, url, bytes }`.
 */
export class Upstream {
  readonly received: ReceivedRequest[] = [];
  streamEnded = false;
  private releaseStream?: () => void;
  private readonly sockets = new Set<Socket>();

  private constructor(
    readonly service: string,
    private readonly server: Server,
  ) {
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  static async start(service: string): Promise<Upstream> {
    let upstream!: Upstream;
    const server = createServer((request, response) => upstream.handle(request, response));
    upstream = new Upstream(service, server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return upstream;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The requests that reached this service at a path (query included). */
  at(url: string): ReceivedRequest[] {
    return this.received.filter((request) => request.url === url);
  }

  /** Lets `/stream` send its second line and end. */
  release(): void {
    this.releaseStream?.();
  }

  /** Stops listening and cuts every open connection: the service is down. */
  async stop(): Promise<void> {
    this.releaseStream?.();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const received: ReceivedRequest = { method: request.method!, url: request.url!, headers: request.headers, bytes: 0, complete: false, aborted: false };
    this.received.push(received);
    request.on('data', (chunk: Buffer) => (received.bytes += chunk.length));
    request.on('aborted', () => (received.aborted = true));
    response.setHeader('content-security-policy', 'default-src *');
    response.setHeader('x-frame-options', 'SAMEORIGIN');
    const path = request.url!.split('?')[0];
    if (path === '/never') return;
    if (path === '/hang-up') return void request.socket.destroy();
    if (path === '/stream') {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('first\n');
      new Promise<void>((resolve) => (this.releaseStream = resolve)).then(() => {
        this.streamEnded = true;
        response.end('second\n');
      });
      return;
    }
    if (path === '/echo') {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.complete = true;
        response.writeHead(200, { 'content-type': request.headers['content-type'] ?? 'application/octet-stream' }).end(Buffer.concat(chunks));
      });
      return;
    }
    request.on('end', () => {
      received.complete = true;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ service: this.service, method: received.method, url: received.url, bytes: received.bytes }));
    });
  }
}
