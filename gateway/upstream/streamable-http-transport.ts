/**
 * StreamableHttpTransport speaks the Streamable HTTP transport (MCP 2025-03-26 and later) to one
 * upstream: each message is one POST, answered by JSON, an SSE stream or 202; server-initiated
 * messages arrive on an optional standing GET stream. Connections are pooled by undici.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { Agent, request, type Dispatcher } from 'undici';
import type { Logger } from 'pino';
import { classifyMessage, failure, JsonRpcErrorCode, type JsonRpcId, type JsonRpcMessage } from '../jsonrpc/message.ts';
import { readSseEvents } from './sse-parser.ts';
import { TransportUnreachableError, type UpstreamTransport } from './transport.ts';

/** HttpTransportOptions describe one HTTP upstream; `headers` is called for every request so a rotated credential applies to the next one. */
export interface HttpTransportOptions {
  readonly serverId: string;
  readonly url: string;
  readonly headers: () => Readonly<Record<string, string>>;
  /** dispatcher is shared by the caller, who then also closes it; without one the transport owns a pooled Agent. */
  readonly dispatcher?: Dispatcher;
  readonly logger: Logger;
}

/** UpstreamHttpError is an HTTP status the upstream answered instead of accepting a message. */
export class UpstreamHttpError extends Error {
  /** status is the HTTP status code. */
  readonly status: number;
  /** body is the start of the response body, for the log. */
  readonly body: string;

  constructor(message: string, status: number, body: string) {
    super(message);
    this.name = 'UpstreamHttpError';
    this.status = status;
    this.body = body;
  }
}

const excerptBytes = 512;
const deleteTimeoutMs = 2000;
const reopenDelaysMs = { first: 500, max: 30_000 };
/** healthyStreamMs is how long a standing stream must have lived for its reopen backoff to start over. */
const healthyStreamMs = 5000;

/** createOwnedAgent builds the pooled keep-alive dispatcher a transport uses when none is shared with it. */
export function createOwnedAgent(): Agent {
  return new Agent({ keepAliveTimeout: 30_000, connect: { timeout: 10_000 } });
}

/** closeDispatcher closes a dispatcher, destroying it when open streams would make close wait. */
export async function closeDispatcher(dispatcher: Dispatcher): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([dispatcher.close(), new Promise<void>((resolve) => (timer = setTimeout(resolve, 1000)))]);
    await dispatcher.destroy();
  } catch {
    // A dispatcher already closed or destroyed has nothing left to release.
  } finally {
    clearTimeout(timer);
  }
}

/** requestHeaders merges the configured headers (lower-cased, so the protocol headers added after them win) with the protocol ones. */
export function requestHeaders(configured: Readonly<Record<string, string>>, protocol: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(configured)) headers[name.toLowerCase()] = value;
  for (const [name, value] of Object.entries(protocol)) if (value !== undefined) headers[name] = value;
  return headers;
}

/**
 * traceHeaders copies the W3C trace context a message carries in `params._meta` (put there by
 * telemetry) to the HTTP headers of the POST that carries it, so an upstream that reads only the
 * transport's headers joins the same trace.
 */
export function traceHeaders(message: JsonRpcMessage): { traceparent?: string; tracestate?: string } {
  const meta = 'params' in message ? (message.params as { _meta?: unknown } | undefined)?._meta : undefined;
  if (typeof meta !== 'object' || meta === null) return {};
  const { traceparent, tracestate } = meta as { traceparent?: unknown; tracestate?: unknown };
  // The context may be the client's own (when the gateway exports no spans): only well-formed
  // values become headers. A malformed header value would make the HTTP client refuse the request.
  if (typeof traceparent !== 'string' || !traceparentFormat.test(traceparent)) return {};
  return { traceparent, ...(typeof tracestate === 'string' && tracestateFormat.test(tracestate) ? { tracestate } : {}) };
}

/** traceparentFormat is W3C Trace Context's traceparent (version 00 and later versions' prefix). */
const traceparentFormat = /^[\da-f]{2}-[\da-f]{32}-[\da-f]{16}-[\da-f]{2}(-[^\s]*)?$/;
/** tracestateFormat bounds tracestate to the spec's 512 characters of printable ASCII. */
const tracestateFormat = /^[\x20-\x7e]{0,512}$/;

/**
 * sendFailure classifies an error of a POST that never got an answer: a request the HTTP client
 * refused to send (an invalid header value) is that request's failure, not an unreachable
 * upstream, which would fail every call in flight on the connection and reconnect.
 */
export function sendFailure(serverId: string, url: string, error: unknown): Error {
  if ((error as { code?: unknown }).code === 'UND_ERR_INVALID_ARG') return new Error(`upstream "${serverId}": the request could not be sent: ${(error as Error).message}`, { cause: error });
  return unreachableError(serverId, url, error);
}

/** headerValue reads a single-valued response header. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** mediaType is the response's content type without parameters, lower-cased. */
export function mediaType(headers: IncomingHttpHeaders): string {
  return (headerValue(headers, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** readExcerpt reads the start of a body for an error message and discards the rest. */
export async function readExcerpt(body: Dispatcher.ResponseData['body']): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= excerptBytes) break;
    }
  } catch {
    // The excerpt only decorates an error; a broken body must not replace that error.
  }
  body.destroy();
  return Buffer.concat(chunks).subarray(0, excerptBytes).toString('utf8').replace(/\s+/g, ' ').trim();
}

/** statusError builds the rejection for a non-2xx answer. */
export async function statusError(serverId: string, action: string, response: Dispatcher.ResponseData): Promise<UpstreamHttpError> {
  const body = await readExcerpt(response.body);
  const detail = body === '' ? '' : `: ${body.slice(0, 200)}`;
  return new UpstreamHttpError(`upstream "${serverId}" answered ${action} with HTTP ${response.statusCode}${detail}`, response.statusCode, body);
}

/** unreachableError wraps a network failure (refused, reset, DNS) so the message names the upstream and URL. */
export function unreachableError(serverId: string, url: string, error: unknown): Error {
  const reason = error instanceof Error ? (((error as NodeJS.ErrnoException).code ?? '') + ' ' + error.message).trim() : String(error);
  return new TransportUnreachableError(`upstream "${serverId}" unreachable at ${url}: ${reason}`, { cause: error });
}

/** decodeMessages parses a JSON body or SSE data into messages; JSON-RPC batches are flattened. It throws on text that is not JSON-RPC. */
export function decodeMessages(text: string): JsonRpcMessage[] {
  const parsed: unknown = JSON.parse(text);
  const values = Array.isArray(parsed) ? (parsed as unknown[]) : [parsed];
  for (const value of values) {
    if (classifyMessage(value) === 'invalid') throw new Error('not a JSON-RPC message');
  }
  return values as JsonRpcMessage[];
}

function requestIdOf(message: JsonRpcMessage): JsonRpcId | undefined {
  return 'method' in message && 'id' in message ? message.id : undefined;
}

function isResponseTo(message: JsonRpcMessage, id: JsonRpcId): boolean {
  return !('method' in message) && message.id === id;
}

export class StreamableHttpTransport implements UpstreamTransport {
  onmessage?: UpstreamTransport['onmessage'];
  onclose?: UpstreamTransport['onclose'];

  readonly #options: HttpTransportOptions;
  readonly #dispatcher: Dispatcher;
  readonly #ownsDispatcher: boolean;
  readonly #abort = new AbortController();
  #sessionId: string | undefined;
  #protocolVersion: string | undefined;
  #standalone: Promise<void> | undefined;
  #closed = false;
  #ended = false;
  #endReason: Error | undefined;

  constructor(options: HttpTransportOptions) {
    this.#options = options;
    this.#ownsDispatcher = options.dispatcher === undefined;
    this.#dispatcher = options.dispatcher ?? createOwnedAgent();
  }

  /** sessionId is the upstream's Mcp-Session-Id once the initialize response carried one. */
  get sessionId(): string | undefined {
    return this.#sessionId;
  }

  async start(signal: AbortSignal): Promise<void> {
    // Streamable HTTP has nothing to open before the first POST; a bad URL should still fail here, not on first use.
    signal.throwIfAborted();
    new URL(this.#options.url);
  }

  async send(message: JsonRpcMessage): Promise<void> {
    const { serverId, url } = this.#options;
    if (this.#endReason !== undefined) throw new Error(this.#endReason.message);
    if (this.#closed) throw new Error(`upstream "${serverId}" transport is closed`);
    const cause = requestIdOf(message);
    const sentSession = this.#sessionId;
    const headers = requestHeaders(this.#options.headers(), {
      accept: 'application/json, text/event-stream',
      'content-type': 'application/json',
      'mcp-session-id': sentSession,
      'mcp-protocol-version': this.#protocolVersion,
      ...traceHeaders(message),
    });
    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, {
        method: 'POST',
        headers,
        body: JSON.stringify(message),
        // No abort signal per POST: with hundreds of calls in flight one shared signal collects a
        // listener each (and a MaxListeners warning). close() destroys the owned dispatcher, which
        // aborts every request still open; after a session expiry the peer above fails them itself.
        dispatcher: this.#dispatcher,
        // A response stream may be quiet for as long as a tool runs; the connection above owns timeouts.
        bodyTimeout: 0,
      });
    } catch (error) {
      // A POST cut off because the transport ended reports why it ended, not a network fault.
      const ended = this.#endReason as Error | undefined;
      if (ended !== undefined) throw new Error(ended.message, { cause: error });
      if (this.#closed) throw new Error(`upstream "${serverId}" transport is closed`, { cause: error });
      throw sendFailure(serverId, url, error);
    }
    const session = headerValue(response.headers, 'mcp-session-id');
    if (session !== undefined && session !== '') this.#sessionId = session;

    const status = response.statusCode;
    if (status === 404 && sentSession !== undefined) {
      // 404 on a known session means the upstream forgot it; the connection above re-initializes on onclose.
      const error = await statusError(serverId, 'POST', response);
      this.#end(new Error('upstream session expired'));
      throw error;
    }
    if (status < 200 || status > 299) throw await statusError(serverId, 'POST', response);

    const type = mediaType(response.headers);
    if (status !== 202 && type === 'text/event-stream') {
      // Resolve now and read on: a long tool call streams progress long before its result.
      void this.#readEventStream(response.body, cause);
    } else if (status !== 202 && type === 'application/json') {
      void this.#readJson(response.body, cause);
    } else {
      await response.body.dump().catch(() => undefined);
    }
  }

  setProtocolVersion(version: string): void {
    this.#protocolVersion = version;
    // The connection above calls this after initialize and notifications/initialized, the moment a GET stream is allowed.
    if (this.#standalone === undefined && !this.#closed && !this.#ended) this.#standalone = this.#runStandaloneStream();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#abort.abort();
    await this.#standalone;
    if (this.#sessionId !== undefined && !this.#ended) {
      try {
        const response = await request(this.#options.url, {
          method: 'DELETE',
          headers: requestHeaders(this.#options.headers(), { 'mcp-session-id': this.#sessionId, 'mcp-protocol-version': this.#protocolVersion }),
          signal: AbortSignal.timeout(deleteTimeoutMs),
          dispatcher: this.#dispatcher,
        });
        await response.body.dump();
      } catch {
        // Ending the session is a courtesy: the upstream expires it anyway, and 405 means it does not support DELETE.
      }
    }
    if (this.#ownsDispatcher) await closeDispatcher(this.#dispatcher);
  }

  #end(reason: Error): void {
    if (this.#ended || this.#closed) return;
    this.#ended = true;
    this.#endReason = reason;
    this.#abort.abort();
    this.onclose?.(reason);
  }

  #emit(message: JsonRpcMessage, cause: JsonRpcId | undefined): void {
    try {
      this.onmessage?.(message, cause);
    } catch (error) {
      this.#options.logger.error({ server: this.#options.serverId, err: error }, 'upstream message handler threw');
    }
  }

  #deliver(text: string, cause: JsonRpcId | undefined): boolean {
    let messages: JsonRpcMessage[];
    try {
      messages = decodeMessages(text);
    } catch (error) {
      this.#options.logger.warn({ server: this.#options.serverId, err: error, data: text.slice(0, 512) }, 'upstream sent data that is not a JSON-RPC message');
      return false;
    }
    let answered = false;
    for (const message of messages) {
      if (cause !== undefined && isResponseTo(message, cause)) answered = true;
      this.#emit(message, cause);
    }
    return answered;
  }

  /**
   * #unanswered ends a request whose response stream closed without its response. Without
   * resumption (Last-Event-ID is not used yet) that response can no longer arrive, and failing it now
   * spares the caller a wait for the full timeout.
   */
  #unanswered(cause: JsonRpcId | undefined, answered: boolean, why: string): void {
    if (cause === undefined || answered || this.#closed || this.#ended) return;
    this.#emit(failure(cause, JsonRpcErrorCode.connectionClosed, `upstream "${this.#options.serverId}" ${why}`), cause);
  }

  async #readJson(body: Dispatcher.ResponseData['body'], cause: JsonRpcId | undefined): Promise<void> {
    let answered = false;
    try {
      answered = this.#deliver(await body.text(), cause);
    } catch (error) {
      if (!this.#closed) this.#options.logger.warn({ server: this.#options.serverId, err: error }, 'upstream JSON response broke off');
    }
    this.#unanswered(cause, answered, 'sent no response to the request');
  }

  async #readEventStream(body: Dispatcher.ResponseData['body'], cause: JsonRpcId | undefined): Promise<number> {
    let answered = false;
    let events = 0;
    try {
      for await (const event of readSseEvents(body)) {
        if (event.event !== 'message' || event.data === '') continue;
        events++;
        if (this.#deliver(event.data, cause)) answered = true;
      }
    } catch (error) {
      if (!this.#closed && !this.#ended) this.#options.logger.warn({ server: this.#options.serverId, err: error }, 'upstream event stream broke off');
    } finally {
      body.destroy();
    }
    this.#unanswered(cause, answered, 'closed the response stream before the response');
    return events;
  }

  async #runStandaloneStream(): Promise<void> {
    const { serverId, url, logger } = this.#options;
    let delay = reopenDelaysMs.first;
    while (!this.#closed && !this.#ended) {
      const opened = Date.now();
      let events = 0;
      try {
        const response = await request(url, {
          method: 'GET',
          headers: requestHeaders(this.#options.headers(), {
            accept: 'text/event-stream',
            'mcp-session-id': this.#sessionId,
            'mcp-protocol-version': this.#protocolVersion,
          }),
          signal: this.#abort.signal,
          dispatcher: this.#dispatcher,
          bodyTimeout: 0,
        });
        if (response.statusCode === 405) {
          await response.body.dump().catch(() => undefined);
          logger.debug({ server: serverId }, 'upstream offers no standalone event stream');
          return;
        }
        if (response.statusCode === 404 && this.#sessionId !== undefined) {
          await response.body.dump().catch(() => undefined);
          this.#end(new Error('upstream session expired'));
          return;
        }
        if (response.statusCode < 200 || response.statusCode > 299 || mediaType(response.headers) !== 'text/event-stream') {
          const error = await statusError(serverId, 'GET', response);
          logger.warn({ server: serverId, status: response.statusCode, err: error }, 'upstream refused the standalone event stream');
        } else {
          events = await this.#readEventStream(response.body, undefined);
        }
      } catch (error) {
        if (this.#closed || this.#ended) return;
        logger.warn({ server: serverId, err: unreachableError(serverId, url, error) }, 'upstream standalone event stream failed');
      }
      if (this.#closed || this.#ended) return;
      // A stream that lived a while was healthy; one that closes at once must not turn into a request loop.
      if (events > 0 || Date.now() - opened > healthyStreamMs) delay = reopenDelaysMs.first;
      try {
        await sleep(delay, undefined, { signal: this.#abort.signal });
      } catch {
        return;
      }
      delay = Math.min(delay * 2, reopenDelaysMs.max);
    }
  }
}
