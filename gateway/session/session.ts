/**
 * Session is one client's MCP session: what it negotiated, who created it, its calls in
 * flight (for cancellation), its standalone GET stream, its subscriptions and log level, and
 * the server-to-client requests waiting for its answer.
 */
import type { Principal } from '../auth/principal.ts';
import type { PrincipalCatalog } from '../aggregate/principal-catalog.ts';
import type { ResponseStream } from '../http/exchange.ts';
import { JsonRpcErrorCode, type JsonRpcId, type JsonRpcMessage } from '../jsonrpc/message.ts';
import { RpcError } from '../jsonrpc/rpc-error.ts';
import type { ReplyChannel } from '../mcp/reply-channel.ts';
import type { Cancellation } from '../upstream/upstream-peer.ts';

type Params = Record<string, unknown>;

/** ActiveCall is a client request in flight. */
export interface ActiveCall {
  readonly cancellation: Cancellation;
  readonly channel: ReplyChannel;
}

interface WaitingRequest {
  readonly resolve: (result: Params) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

const logLevels = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'];

export class Session {
  /** startedAt is when the session was created (performance.now()), for its duration. */
  readonly startedAt = performance.now();
  lastActivity = Date.now();
  /** initialized turns true on notifications/initialized. */
  initialized = false;
  /** logLevel is the minimum severity the client asked for with logging/setLevel. */
  logLevel: string | undefined;
  standalone: ResponseStream | undefined;
  /** seenCatalog is the catalog this session's lists last reflected, for list_changed. */
  seenCatalog: PrincipalCatalog | undefined;
  readonly calls = new Map<JsonRpcId, ActiveCall>();
  private readonly waiting = new Map<string, WaitingRequest>();
  private nextRequestId = 0;
  closed = false;

  constructor(
    readonly id: string,
    readonly protocolVersion: string,
    readonly clientCapabilities: Params,
    readonly clientInfo: Params,
    /** principal is who last used the session (same key; groups and claims may have been refreshed). */
    public principal: Principal,
  ) {}

  /** busy is true while the session has calls in flight or an open stream: it is not idle. */
  get busy(): boolean {
    return this.calls.size > 0 || (this.standalone !== undefined && !this.standalone.closed);
  }

  /** wantsLog applies the level the client set; without one, the client gets every message. */
  wantsLog(level: unknown): boolean {
    if (this.logLevel === undefined) return true;
    return logLevels.indexOf(String(level)) >= logLevels.indexOf(this.logLevel);
  }

  /** push sends a message on the standalone GET stream; false when the client has none open. */
  push(message: JsonRpcMessage): boolean {
    if (!this.standalone || this.standalone.closed) return false;
    this.standalone.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
    return true;
  }

  /**
   * request sends a server-to-client request on `channel` (the stream of the call that caused
   * it) or else the standalone stream, and waits for the client's answer.
   */
  request(method: string, params: Params | undefined, channel: ReplyChannel | undefined, timeoutMs: number): Promise<Params> {
    const id = `pcx-${++this.nextRequestId}`;
    const message = params === undefined ? { jsonrpc: '2.0' as const, id, method } : { jsonrpc: '2.0' as const, id, method, params };
    return new Promise<Params>((resolve, reject) => {
      const sent = channel?.send(message) || this.push(message);
      if (!sent) return reject(new RpcError(JsonRpcErrorCode.internalError, `the client has no open stream to receive ${method}`));
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new RpcError(JsonRpcErrorCode.requestTimeout, `the client did not answer ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      timer.unref();
      this.waiting.set(id, { resolve, reject, timer });
    });
  }

  /** answer delivers a response the client posted; false when no request of ours has that id. */
  answer(id: JsonRpcId, result: Params | undefined, error: { code: number; message: string; data?: unknown } | undefined): boolean {
    const waiting = this.waiting.get(String(id));
    if (!waiting) return false;
    this.waiting.delete(String(id));
    clearTimeout(waiting.timer);
    if (error) waiting.reject(RpcError.fromObject(error));
    else waiting.resolve(result ?? {});
    return true;
  }

  /** close ends the session: calls in flight are cancelled upstream, streams end. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const call of this.calls.values()) {
      call.cancellation.cancel();
      call.channel.end();
    }
    this.calls.clear();
    for (const waiting of this.waiting.values()) {
      clearTimeout(waiting.timer);
      waiting.reject(new RpcError(JsonRpcErrorCode.connectionClosed, 'the client session ended'));
    }
    this.waiting.clear();
    this.standalone?.end();
  }
}
