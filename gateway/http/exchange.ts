/**
 * HttpExchange is one HTTP request and its response, independent of the engine underneath
 * (hyper-express on uWebSockets.js, or node:http as the fallback). Everything above this
 * folder handles requests through it, so the engine can change without touching MCP code.
 */

export type HeaderMap = Readonly<Record<string, string>>;

/** ResponseStream is an open streamed response body (server-sent events). */
export interface ResponseStream {
  /** write sends a chunk; it does nothing once the stream closed. */
  write(chunk: string): void;
  /** end finishes the response. */
  end(): void;
  readonly closed: boolean;
}

export interface HttpExchange {
  readonly method: string;
  readonly path: string;
  /** query is the raw query string without the leading `?` ('' when absent). */
  readonly query: string;
  /** remoteAddress is the peer's IP address as the socket reports it. */
  readonly remoteAddress: string;
  /** header returns a request header by lower-case name. */
  header(name: string): string | undefined;
  /** readBody resolves the request body, or null when it is longer than `limit` bytes. */
  readBody(limit: number): Promise<Buffer | null>;
  /** reply sends a complete response; later calls are ignored. */
  reply(status: number, headers: HeaderMap, body?: string): void;
  /** openStream starts a streamed response. */
  openStream(status: number, headers: HeaderMap): ResponseStream;
  /** onClose registers a listener for the client going away before the response finished. */
  onClose(listener: () => void): void;
  readonly closed: boolean;
}

/** HttpHandler handles one exchange; it must always end in reply() or a stream that ends. */
export type HttpHandler = (exchange: HttpExchange) => void;

/** HttpServerHandle is a listening server. */
export interface HttpServerHandle {
  readonly engine: 'hyper-express' | 'node:http';
  readonly host: string;
  readonly port: number;
  /** stopAccepting closes the listening socket; open exchanges continue. */
  stopAccepting(): Promise<void>;
  /** close ends every remaining connection. */
  close(): Promise<void>;
}

export interface ListenOptions {
  readonly host: string;
  readonly port: number;
  /** maxBodyBytes is the engine-level hard cap; the MCP endpoint applies the configured limit itself. */
  readonly maxBodyBytes: number;
}
