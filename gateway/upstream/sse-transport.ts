/**
 * SseTransport speaks the deprecated HTTP+SSE transport (MCP 2024-11-05): one long GET stream
 * carries every server message, and its first `endpoint` event names the URL that client
 * messages are POSTed to. Older servers still offer only this.
 */
import type { Dispatcher } from 'undici';
import { request } from 'undici';
import type { JsonRpcMessage } from '../jsonrpc/message.ts';
import { readSseEvents } from './sse-parser.ts';
import {
  closeDispatcher,
  createOwnedAgent,
  decodeMessages,
  mediaType,
  requestHeaders,
  traceHeaders,
  sendFailure,
  statusError,
  unreachableError,
  type HttpTransportOptions,
} from './streamable-http-transport.ts';
import type { UpstreamTransport } from './transport.ts';

/** SseTransportOptions are the same as for Streamable HTTP; `url` is the GET stream's URL. */
export type SseTransportOptions = HttpTransportOptions;

export class SseTransport implements UpstreamTransport {
  onmessage?: UpstreamTransport['onmessage'];
  onclose?: UpstreamTransport['onclose'];

  readonly #options: SseTransportOptions;
  readonly #dispatcher: Dispatcher;
  readonly #ownsDispatcher: boolean;
  readonly #abort = new AbortController();
  #endpoint: URL | undefined;
  #protocolVersion: string | undefined;
  #started = false;
  #closed = false;
  #ended = false;

  constructor(options: SseTransportOptions) {
    this.#options = options;
    this.#ownsDispatcher = options.dispatcher === undefined;
    this.#dispatcher = options.dispatcher ?? createOwnedAgent();
  }

  /** endpoint is the POST URL the upstream announced, once it has. */
  get endpoint(): string | undefined {
    return this.#endpoint?.href;
  }

  async start(signal: AbortSignal): Promise<void> {
    const { serverId, url } = this.#options;
    if (this.#started) throw new Error(`upstream "${serverId}": start() called twice`);
    this.#started = true;
    signal.throwIfAborted();
    const base = new URL(url);
    const onAbort = (): void => this.#abort.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      let response: Dispatcher.ResponseData;
      try {
        response = await request(base, {
          method: 'GET',
          headers: requestHeaders(this.#options.headers(), { accept: 'text/event-stream' }),
          signal: this.#abort.signal,
          dispatcher: this.#dispatcher,
          bodyTimeout: 0,
        });
      } catch (error) {
        throw signal.aborted ? signal.reason : unreachableError(serverId, url, error);
      }
      if (response.statusCode < 200 || response.statusCode > 299) throw await statusError(serverId, 'GET', response);
      if (mediaType(response.headers) !== 'text/event-stream') {
        response.body.destroy();
        throw new Error(`upstream "${serverId}" answered GET ${url} with ${mediaType(response.headers) || 'no content type'}, not an event stream`);
      }
      const events = readSseEvents(response.body);
      await this.#awaitEndpoint(events, base);
      void this.#readMessages(events, response.body);
    } catch (error) {
      this.#abort.abort();
      if (this.#ownsDispatcher) await closeDispatcher(this.#dispatcher);
      throw error;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  async send(message: JsonRpcMessage): Promise<void> {
    const { serverId } = this.#options;
    const endpoint = this.#endpoint;
    if (this.#closed || this.#ended || endpoint === undefined) throw new Error(`upstream "${serverId}" transport is not connected`);
    let response: Dispatcher.ResponseData;
    try {
      response = await request(endpoint, {
        method: 'POST',
        headers: requestHeaders(this.#options.headers(), { 'content-type': 'application/json', 'mcp-protocol-version': this.#protocolVersion, ...traceHeaders(message) }),
        body: JSON.stringify(message),
        signal: this.#abort.signal,
        dispatcher: this.#dispatcher,
      });
    } catch (error) {
      throw sendFailure(serverId, endpoint.href, error);
    }
    if (response.statusCode < 200 || response.statusCode > 299) throw await statusError(serverId, 'POST', response);
    // The answer travels on the GET stream; the POST body is only an acknowledgement.
    await response.body.dump().catch(() => undefined);
  }

  setProtocolVersion(version: string): void {
    this.#protocolVersion = version;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#abort.abort();
    if (this.#ownsDispatcher) await closeDispatcher(this.#dispatcher);
  }

  async #awaitEndpoint(events: AsyncGenerator<{ event: string; data: string }>, base: URL): Promise<void> {
    const { serverId, url } = this.#options;
    for (;;) {
      const next = await events.next();
      if (next.done) throw new Error(`upstream "${serverId}" closed the event stream at ${url} before naming its endpoint`);
      if (next.value.event !== 'endpoint') continue;
      const endpoint = new URL(next.value.data.trim(), base);
      // Credentials go to the endpoint too, so it must not lead them to another origin.
      if (endpoint.origin !== base.origin) throw new Error(`upstream "${serverId}" named an endpoint on another origin: ${endpoint.origin}`);
      this.#endpoint = endpoint;
      return;
    }
  }

  async #readMessages(events: AsyncGenerator<{ event: string; data: string }>, body: Dispatcher.ResponseData['body']): Promise<void> {
    const { serverId, logger } = this.#options;
    let reason = new Error(`upstream "${serverId}" closed its event stream`);
    try {
      for await (const event of events) {
        if (event.event !== 'message' || event.data === '') continue;
        let messages: JsonRpcMessage[];
        try {
          messages = decodeMessages(event.data);
        } catch (error) {
          logger.warn({ server: serverId, err: error, data: event.data.slice(0, 512) }, 'upstream sent data that is not a JSON-RPC message');
          continue;
        }
        for (const message of messages) {
          try {
            this.onmessage?.(message, undefined);
          } catch (error) {
            logger.error({ server: serverId, err: error }, 'upstream message handler threw');
          }
        }
      }
    } catch (error) {
      reason = new Error(`upstream "${serverId}" event stream broke off: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    } finally {
      body.destroy();
    }
    if (this.#closed || this.#ended) return;
    this.#ended = true;
    this.onclose?.(reason);
  }
}
