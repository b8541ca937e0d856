/**
 * The hyper-express engine: HttpExchange on uWebSockets.js, the fast path. It keeps the
 * contract of the node:http engine (the reference); where uWS forces a difference, the
 * comment at that spot says so.
 *
 * uWS rule behind most guards here: once a request is aborted its native response is gone,
 * and touching it throws. hyper-express marks `completed` before it emits 'abort', and every
 * write below checks that flag first.
 */
import { STATUS_CODES } from 'node:http';
import { SocketAddress } from 'node:net';
import { Server, type Request, type Response } from 'hyper-express';
import type { HeaderMap, HttpExchange, HttpHandler, HttpServerHandle, ListenOptions, ResponseStream } from './exchange.ts';

/** ServerState is what every exchange of one server shares. */
interface ServerState {
  /** draining is set by stopAccepting: later responses close their connection instead of keeping it alive. */
  draining: boolean;
  readonly open: Set<HyperExpressExchange>;
}

function abortedError(): Error {
  return Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
}

/** eventStreamComment is an SSE comment line; clients ignore it, and it makes uWS send the headers. */
const eventStreamComment = ':\n\n';

/**
 * canonicalAddress rewrites uWS's uncompressed IPv6 text (`0000:…:ffff:7f00:0001`) into the
 * form node:http reports (`::ffff:127.0.0.1`), so address rules match on either engine.
 */
function canonicalAddress(text: string): string {
  if (!text.includes(':')) return text;
  try {
    return new SocketAddress({ address: text, family: 'ipv6' }).address;
  } catch {
    return text;
  }
}

function isEventStream(headers: HeaderMap): boolean {
  for (const name in headers) if (name.toLowerCase() === 'content-type') return headers[name]!.startsWith('text/event-stream');
  return false;
}

class HyperExpressExchange implements HttpExchange {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly remoteAddress: string;
  /** finished is set when the response ended, by us or by the client going away. */
  private finished = false;
  private aborted = false;
  private readonly closeListeners: (() => void)[] = [];
  private readonly bodyWaiters = new Set<() => void>();

  constructor(
    private readonly request: Request,
    private readonly response: Response,
    private readonly state: ServerState,
  ) {
    this.method = request.method.toUpperCase();
    this.path = request.path;
    this.query = request.path_query ?? '';
    // uWS frees the native request when the handler returns: read the address now.
    this.remoteAddress = canonicalAddress(request.ip);
    state.open.add(this);
    // Listening for 'abort' makes hyper-express create its Writable, which is what emits it.
    response.once('abort', () => {
      this.aborted = true;
    });
    // 'close' follows our own send, a client abort, and hyper-express answering 413 on its own
    // (a chunked body over max_body_length). Only the last two reach the branch below.
    response.once('close', () => this.settle(this.aborted));
  }

  get closed(): boolean {
    return this.finished || this.response.completed;
  }

  header(name: string): string | undefined {
    return this.request.headers[name];
  }

  readBody(limit: number): Promise<Buffer | null> {
    if (this.aborted) return Promise.reject(abortedError());
    if (Number(this.request.headers['content-length']) > limit) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      const settled = () => (this.aborted ? reject(abortedError()) : resolve(null));
      this.bodyWaiters.add(settled);
      this.request.buffer().then(
        (body) => {
          this.bodyWaiters.delete(settled);
          resolve(body.length > limit ? null : body);
        },
        (error: unknown) => {
          this.bodyWaiters.delete(settled);
          reject(error);
        },
      );
    });
  }

  reply(status: number, headers: HeaderMap, body?: string): void {
    if (this.closed) return;
    this.markFinished();
    this.writeHead(status, headers);
    this.response.send(body, this.state.draining);
  }

  openStream(status: number, headers: HeaderMap): ResponseStream {
    const exchange = this;
    const response = this.response;
    if (!this.closed) {
      this.writeHead(status, headers);
      // uWS sends the status line and headers only with the first body chunk (node:http has
      // flushHeaders). A client waiting for the headers of a quiet event stream would hang.
      if (isEventStream(headers)) response.write(eventStreamComment);
    }
    return {
      write(chunk: string) {
        if (!exchange.closed) response.write(chunk);
      },
      end() {
        if (exchange.closed) return;
        exchange.markFinished();
        // send() waits for chunks still queued in the Writable, then ends the chunked body.
        // Never with close_connection: uWS would write `Connection: close` into the body.
        response.send();
      },
      get closed() {
        return exchange.closed;
      },
    };
  }

  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }

  /** destroy drops the connection of an exchange still open when the server closes. */
  destroy(): void {
    if (this.closed) return;
    this.response.close();
    // hyper-express marks the response completed before uWS reports the abort, so no 'abort'
    // event follows: settle here.
    this.aborted = true;
    this.settle(true);
  }

  private writeHead(status: number, headers: HeaderMap): void {
    this.response.status(status, STATUS_CODES[status] ?? 'Unknown');
    for (const name in headers) this.response.header(name, headers[name]!, true);
  }

  private markFinished(): void {
    this.finished = true;
    this.state.open.delete(this);
  }

  private settle(aborted: boolean): void {
    if (this.finished) return;
    this.markFinished();
    for (const waiter of this.bodyWaiters) waiter();
    this.bodyWaiters.clear();
    if (aborted) for (const listener of this.closeListeners) listener();
  }
}

/** listenHyperExpress serves `handler` on hyper-express (uWebSockets.js). */
export async function listenHyperExpress(options: ListenOptions, handler: HttpHandler): Promise<HttpServerHandle> {
  // auto_close would close the listen socket on the first SIGTERM, before the gateway drains.
  const app = new Server({ max_body_length: options.maxBodyBytes, auto_close: false, fast_abort: false });
  const state: ServerState = { draining: false, open: new Set() };
  app.set_error_handler((_request, response, error) => {
    if (!response.completed) response.status(500).send(undefined, true);
    // node:http lets a handler's exception escape as uncaught; do the same rather than hide a bug.
    process.nextTick(() => {
      throw error;
    });
  });
  app.any('/*', (request, response) => handler(new HyperExpressExchange(request, response, state)));
  try {
    await app.listen(options.port, options.host);
  } catch (error) {
    // hyper-express rejects with a string when uWS gives no listen socket (busy port, bad host).
    throw error instanceof Error ? error : new Error(`hyper-express could not listen on ${options.host}:${options.port}: ${String(error)}`);
  }
  const port = app.port;
  return {
    engine: 'hyper-express',
    host: options.host,
    port,
    stopAccepting: async () => {
      // uWS has no call to close idle keep-alive connections: they end with the next response
      // (sent with `Connection: close` while draining) or at uWS's 10 s idle timeout.
      state.draining = true;
      app.close();
    },
    close: async () => {
      state.draining = true;
      app.close();
      for (const exchange of [...state.open]) exchange.destroy();
    },
  };
}
