/**
 * UpstreamPeer is the JSON-RPC side of one upstream transport for as long as it lives: it assigns
 * the gateway's own request ids, maps progress tokens, enforces call timeouts, relays cancellation,
 * and hands server-to-client requests to the call that caused them. One peer serves every
 * session's calls to that server; ids from different clients never reach the upstream, so they
 * cannot collide there.
 */
import { unavailableError } from './unavailable-error.ts';
import { JsonRpcErrorCode, classifyMessage, failure, type JsonRpcId, type JsonRpcMessage, type JsonRpcRequest } from '../jsonrpc/message.ts';
import { RpcError } from '../jsonrpc/rpc-error.ts';
import type { UpstreamTransport } from './transport.ts';

type Params = Record<string, unknown>;

/**
 * CallOwner is the client-side end of an upstream call: where messages the upstream sends
 * because of this call go (server-to-client requests, logging). The session layer implements it.
 */
export interface CallOwner {
  /** key identifies the owner (the session id); two calls of one session share it. */
  readonly key: string;
  serverRequest(method: string, params: Params | undefined): Promise<Params>;
  notify(method: string, params: Params | undefined): void;
}

export interface CallOptions {
  readonly timeoutMs: number;
  /** signal aborts the call when the client cancels it; the upstream is told with notifications/cancelled. */
  readonly signal?: AbortSignal;
  /** cancellation is the cheap per-call alternative to signal, used for client calls. */
  readonly cancellation?: Cancellation;
  /** onProgress receives the params of each progress notification, minus the token (the caller puts its own back). */
  readonly onProgress?: (params: Params) => void;
  readonly owner?: CallOwner;
  /** silentCancel skips notifications/cancelled on timeout or abort: initialize must never be cancelled. */
  readonly silentCancel?: boolean;
}

/**
 * Cancellation lets the session cancel a call it forwarded. It is a plain object rather than an
 * AbortController because one is made per call on the hot path, and creating an AbortSignal
 * cost more than everything else the call does in the peer (measured with --cpu-prof).
 */
export class Cancellation {
  cancelled = false;
  /** handler is set by the peer while the call is in flight. */
  handler: (() => void) | undefined;

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.handler?.();
  }
}

/** CancelledError rejects a call the client cancelled: no response is owed to anyone. */
export class CancelledError extends Error {}

interface Pending {
  readonly id: number;
  readonly method: string;
  readonly resolve: (result: Params) => void;
  readonly reject: (error: Error) => void;
  readonly options: CallOptions;
  timer: NodeJS.Timeout;
  readonly progressToken: string | undefined;
  readonly abort: (() => void) | undefined;
}

/** PeerEvents are the messages that belong to the connection rather than to one call. */
export interface PeerEvents {
  /** onNotification receives notifications no call claimed (list_changed, resources/updated, uncaused logging). */
  onNotification(method: string, params: Params | undefined, owner: CallOwner | undefined): void;
  /** onSendFailure hears why a message could not be delivered, so the connection can tell a dead server from a bad request. */
  onSendFailure(error: Error): void;
}

export class UpstreamPeer {
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly progress = new Map<string, Pending>();
  private closedReason: Error | undefined;

  constructor(
    readonly serverId: string,
    private readonly transport: UpstreamTransport,
    private readonly events: PeerEvents,
  ) {
    transport.onmessage = (message, cause) => this.receive(message, cause);
  }

  /** inflight is the number of calls awaiting an answer. */
  get inflight(): number {
    return this.pending.size;
  }

  request(method: string, params: Params | undefined, options: CallOptions): Promise<Params> {
    if (this.closedReason) return Promise.reject(this.unavailable(this.closedReason.message));
    if (options.signal?.aborted || options.cancellation?.cancelled) return Promise.reject(new CancelledError('cancelled by the client'));
    const id = ++this.nextId;
    const progressToken = options.onProgress ? `pcx-${id}` : undefined;
    const upstreamParams = withProgressToken(params, progressToken);
    return new Promise<Params>((resolve, reject) => {
      const onAbort = options.signal ? () => this.cancel(id, 'cancelled by the client', new CancelledError('cancelled by the client')) : undefined;
      const pending: Pending = {
        id,
        method,
        resolve,
        reject,
        options,
        progressToken,
        abort: onAbort,
        timer: this.startTimer(id, method, options.timeoutMs),
      };
      this.pending.set(id, pending);
      if (progressToken) this.progress.set(progressToken, pending);
      if (onAbort) options.signal!.addEventListener('abort', onAbort, { once: true });
      if (options.cancellation) options.cancellation.handler = () => this.cancel(id, 'cancelled by the client', new CancelledError('cancelled by the client'));
      const message: JsonRpcRequest = upstreamParams === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params: upstreamParams };
      this.transport.send(message).catch((error: Error) => {
        // The cause stays attached: a 401/403 tells the caller to refetch the credential and retry.
        this.settle(id)?.reject(Object.assign(this.unavailable(error.message), { cause: error }));
        this.events.onSendFailure(error);
      });
    });
  }

  notify(method: string, params?: Params): void {
    if (this.closedReason) return;
    const message = params === undefined ? { jsonrpc: '2.0' as const, method } : { jsonrpc: '2.0' as const, method, params };
    this.transport.send(message).catch(() => undefined);
  }

  /** fail rejects every pending call: the transport is gone. */
  fail(reason: Error): void {
    this.closedReason ??= reason;
    for (const id of [...this.pending.keys()]) this.settle(id)?.reject(this.unavailable(reason.message));
  }

  private startTimer(id: number, method: string, timeoutMs: number): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.cancel(id, 'timed out', new RpcError(JsonRpcErrorCode.requestTimeout, `server ${this.serverId} did not answer ${method} within ${timeoutMs} ms`));
    }, timeoutMs);
    timer.unref();
    return timer;
  }

  private cancel(id: number, reason: string, error: Error): void {
    const pending = this.settle(id);
    if (!pending) return;
    if (!pending.options.silentCancel) this.notify('notifications/cancelled', { requestId: id, reason });
    pending.reject(error);
  }

  private settle(id: number): Pending | undefined {
    const pending = this.pending.get(id);
    if (!pending) return undefined;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if (pending.progressToken) this.progress.delete(pending.progressToken);
    if (pending.abort) pending.options.signal!.removeEventListener('abort', pending.abort);
    if (pending.options.cancellation) pending.options.cancellation.handler = undefined;
    return pending;
  }

  private unavailable(reason: string): RpcError {
    return unavailableError(this.serverId, reason);
  }

  private receive(message: JsonRpcMessage, cause: JsonRpcId | undefined): void {
    const kind = classifyMessage(message);
    if (kind === 'response') return this.receiveResponse(message as { id: JsonRpcId; result?: Params; error?: { code: number; message: string; data?: unknown } });
    const { method, params } = message as { method: string; params?: Params };
    if (kind === 'notification') return this.receiveNotification(method, params, cause);
    if (kind === 'request') return void this.receiveRequest((message as JsonRpcRequest).id, method, params, cause);
  }

  private receiveResponse(message: { id: JsonRpcId; result?: Params; error?: { code: number; message: string; data?: unknown } }): void {
    if (typeof message.id !== 'number') return;
    const pending = this.settle(message.id);
    if (!pending) return;
    if (message.error) pending.reject(RpcError.fromObject(message.error));
    // A result must be an object; anything else would leave the client without an answer.
    else pending.resolve(typeof message.result === 'object' && message.result !== null ? message.result : {});
  }

  private receiveNotification(method: string, params: Params | undefined, cause: JsonRpcId | undefined): void {
    if (method === 'notifications/progress') {
      const pending = this.progress.get(String(params?.progressToken));
      if (!pending) return;
      // Progress shows the call is alive: restart its timeout, as the SDK's resetTimeoutOnProgress does.
      clearTimeout(pending.timer);
      pending.timer = this.startTimer(pending.id, pending.method, pending.options.timeoutMs);
      const { progressToken: _token, ...rest } = params!;
      pending.options.onProgress!(rest);
      return;
    }
    this.events.onNotification(method, params, this.ownerOf(cause));
  }

  private async receiveRequest(id: JsonRpcId, method: string, params: Params | undefined, cause: JsonRpcId | undefined): Promise<void> {
    if (method === 'ping') return void this.transport.send({ jsonrpc: '2.0', id, result: {} }).catch(() => undefined);
    const owner = this.ownerOf(cause);
    if (!owner) {
      const reason = `the gateway cannot tell which client call caused this ${method} request, so it does not guess`;
      return void this.transport.send(failure(id, JsonRpcErrorCode.invalidRequest, reason)).catch(() => undefined);
    }
    try {
      const result = await owner.serverRequest(method, params);
      await this.transport.send({ jsonrpc: '2.0', id, result });
    } catch (error) {
      const rpc = error instanceof RpcError ? error : new RpcError(JsonRpcErrorCode.internalError, (error as Error).message);
      await this.transport.send(rpc.toResponse(id)).catch(() => undefined);
    }
  }

  /**
   * ownerOf finds the call that caused a message. On HTTP the transport knows it (the message came
   * on that call's response stream). On stdio it can only be inferred when every call in flight
   * belongs to one session; with calls from several sessions the answer is "unknown", because
   * sending one user's sampling request to another user's client would leak data.
   */
  private ownerOf(cause: JsonRpcId | undefined): CallOwner | undefined {
    if (typeof cause === 'number') return this.pending.get(cause)?.options.owner;
    let owner: CallOwner | undefined;
    for (const pending of this.pending.values()) {
      const candidate = pending.options.owner;
      if (!candidate) continue;
      if (owner && owner.key !== candidate.key) return undefined;
      owner = candidate;
    }
    return owner;
  }
}

function withProgressToken(params: Params | undefined, token: string | undefined): Params | undefined {
  const rawMeta = params?._meta;
  const meta = typeof rawMeta === 'object' && rawMeta !== null ? (rawMeta as Params) : undefined;
  if (token === undefined) {
    // A client's own token must not reach the upstream unmapped: the gateway could not route the progress back.
    if (meta && 'progressToken' in meta) {
      const { progressToken: _dropped, ...rest } = meta;
      return { ...params, _meta: rest };
    }
    return params;
  }
  return { ...params, _meta: { ...meta, progressToken: token } };
}
