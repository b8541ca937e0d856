/**
 * The node:http engine: the fallback when uWebSockets.js cannot load (a Node version its
 * build lacks), and the reference the hyper-express engine is tested against.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HeaderMap, HttpExchange, HttpHandler, HttpServerHandle, ListenOptions, ResponseStream } from './exchange.ts';

class NodeExchange implements HttpExchange {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly remoteAddress: string;
  private finished = false;
  private readonly closeListeners: (() => void)[] = [];

  constructor(
    private readonly request: http.IncomingMessage,
    private readonly response: http.ServerResponse,
  ) {
    this.method = request.method ?? 'GET';
    const url = request.url ?? '/';
    const question = url.indexOf('?');
    this.path = question < 0 ? url : url.slice(0, question);
    this.query = question < 0 ? '' : url.slice(question + 1);
    this.remoteAddress = request.socket.remoteAddress ?? '';
    response.once('close', () => {
      if (this.finished && response.writableFinished) return;
      this.finished = true;
      for (const listener of this.closeListeners) listener();
    });
  }

  get closed(): boolean {
    return this.finished || this.response.destroyed;
  }

  header(name: string): string | undefined {
    const value = this.request.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  }

  readBody(limit: number): Promise<Buffer | null> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let tooLarge = false;
      this.request.on('data', (chunk: Buffer) => {
        if (tooLarge) return;
        size += chunk.length;
        if (size > limit) {
          tooLarge = true;
          chunks.length = 0;
          return;
        }
        chunks.push(chunk);
      });
      this.request.once('end', () => resolve(tooLarge ? null : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
      this.request.once('error', reject);
    });
  }

  reply(status: number, headers: HeaderMap, body?: string): void {
    if (this.finished) return;
    this.finished = true;
    this.response.writeHead(status, headers);
    this.response.end(body);
  }

  openStream(status: number, headers: HeaderMap): ResponseStream {
    this.response.writeHead(status, headers);
    this.response.flushHeaders();
    const response = this.response;
    const exchange = this;
    return {
      write(chunk: string) {
        if (!exchange.finished && !response.destroyed) response.write(chunk);
      },
      end() {
        if (exchange.finished) return;
        exchange.finished = true;
        response.end();
      },
      get closed() {
        return exchange.finished || response.destroyed;
      },
    };
  }

  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }
}

/** listenNodeHttp serves `handler` on node:http. */
export async function listenNodeHttp(options: ListenOptions, handler: HttpHandler): Promise<HttpServerHandle> {
  const server = http.createServer({ keepAliveTimeout: 65_000 }, (request, response) => handler(new NodeExchange(request, response)));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    engine: 'node:http',
    host: address.address,
    port: address.port,
    stopAccepting: async () => {
      server.close();
      server.closeIdleConnections();
    },
    close: async () => {
      server.closeAllConnections();
    },
  };
}
