/**
 * ReplyChannel is the response to one POSTed JSON-RPC request. It answers with plain JSON when
 * the result is all there is, and switches to an SSE stream the moment something must be sent
 * before the result (progress, logging, a server-to-client request): the cheap path stays cheap
 * and nothing waits for the final answer to be delivered.
 */
import type { HeaderMap, HttpExchange, ResponseStream } from '../http/exchange.ts';
import type { JsonRpcMessage } from '../jsonrpc/message.ts';

export class ReplyChannel {
  private stream: ResponseStream | undefined;
  private finished = false;

  constructor(
    private readonly exchange: HttpExchange,
    /** headers go on the response whichever form it takes (the session id on initialize). */
    public headers: HeaderMap,
  ) {}

  /** open is false once the response ended or the client went away. */
  get open(): boolean {
    return !this.finished && !this.exchange.closed;
  }

  /** send writes a message ahead of the result, upgrading the response to SSE. */
  send(message: JsonRpcMessage): boolean {
    if (!this.open) return false;
    this.stream ??= this.openStream();
    this.stream.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
    return true;
  }

  /** finish delivers the response and ends the exchange. */
  finish(message: JsonRpcMessage): void {
    if (!this.open) return;
    if (this.stream) {
      this.send(message);
      this.end();
      return;
    }
    this.finished = true;
    this.exchange.reply(200, { ...this.headers, 'content-type': 'application/json' }, JSON.stringify(message));
  }

  /** end closes the response without a message (a cancelled request is owed none). */
  end(): void {
    if (this.finished) return;
    if (!this.stream && !this.exchange.closed) this.stream = this.openStream();
    this.finished = true;
    this.stream?.end();
  }

  private openStream(): ResponseStream {
    return this.exchange.openStream(200, { ...this.headers, 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  }
}
