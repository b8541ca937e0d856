/**
 * UpstreamConnection keeps one MCP server connected for as long as the config names it: it
 * connects within the server's connect timeout, performs the initialize handshake, fetches the
 * server's catalog (every page), refetches a list when the server says it changed, and on any
 * failure marks itself down and reconnects with exponential backoff. While it is down, calls to it
 * fail at once with a clear error; other servers are not affected.
 */
import { unavailableError, unavailableReason } from './unavailable-error.ts';
import type { Logger } from '../log/logger.ts';
import type { ServerRuntime } from '../runtime/runtime.ts';
import { fetchCatalogList, type CatalogItem, type CatalogKind } from './upstream-catalog.ts';
import { UpstreamPeer, type CallOptions, type CallOwner } from './upstream-peer.ts';
import { TransportUnreachableError, type UpstreamTransport } from './transport.ts';
import { isCredentialRefusal } from './credential-refusal.ts';
import { upstreamStateChannel, type UpstreamStateEvent } from '../telemetry/events.ts';

type Params = Record<string, unknown>;

export type ConnectionState = 'connecting' | 'ready' | 'down' | 'closed';

/** UPSTREAM_PROTOCOL_VERSIONS are the revisions the gateway accepts from an upstream, newest last. */
export const UPSTREAM_PROTOCOL_VERSIONS: readonly string[] = ['2024-11-05', '2025-03-26', '2025-06-18', '2025-11-25'];
const requestedVersion = '2025-11-25';

/** GATEWAY_CLIENT_CAPABILITIES are advertised to every upstream: the gateway relays these to the session whose call caused them. */
const gatewayClientCapabilities = { sampling: {}, elicitation: {}, roots: { listChanged: true } };

export type UpstreamCatalog = Readonly<Record<CatalogKind, readonly CatalogItem[]>>;

const emptyCatalog: UpstreamCatalog = { tools: [], prompts: [], resources: [], resourceTemplates: [] };

const listChangedKinds: Readonly<Record<string, CatalogKind[]>> = {
  'notifications/tools/list_changed': ['tools'],
  'notifications/prompts/list_changed': ['prompts'],
  'notifications/resources/list_changed': ['resources', 'resourceTemplates'],
};

export interface ConnectionEvents {
  onStateChange(connection: UpstreamConnection): void;
  onCatalogChange(connection: UpstreamConnection): void;
  /** onNotification receives what no call claimed: resources/updated, and logging without a known cause. */
  onNotification(connection: UpstreamConnection, method: string, params: Params | undefined, owner: CallOwner | undefined): void;
}

export interface ConnectionInfo {
  readonly protocolVersion: string;
  readonly capabilities: Params;
  readonly serverInfo: Params;
  readonly instructions: string | undefined;
}

export class UpstreamConnection {
  state: ConnectionState = 'connecting';
  lastError: string | undefined;
  info: ConnectionInfo | undefined;
  /** catalog is the last fetched catalog; kept while down so names still route to a clear "unavailable" error. */
  catalog: UpstreamCatalog = emptyCatalog;
  /** generation increases whenever the catalog or the state changes; views cache on it. */
  generation = 0;
  private peer: UpstreamPeer | undefined;
  private transport: UpstreamTransport | undefined;
  private attempt = 0;
  /** readySince is when the connection last became ready; a later ready is a restart. */
  private readySince: number | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private connectAbort: AbortController | undefined;
  private readonly refetches = new Map<string, number>();

  constructor(
    public server: ServerRuntime,
    private readonly createTransport: () => UpstreamTransport,
    private readonly events: ConnectionEvents,
    private readonly logger: Logger,
    /** refreshCredentials refetches this connection's secrets; called when the handshake is refused with 401/403. */
    private readonly refreshCredentials?: (since: number) => Promise<void>,
  ) {}

  get id(): string {
    return this.server.id;
  }

  get inflight(): number {
    return this.peer?.inflight ?? 0;
  }

  /** start begins connecting; it never throws, failures become state `down` and a retry. */
  start(): void {
    void this.connect();
  }

  /** ready resolves when the connection is ready or has failed its current attempt. */
  async whenSettled(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.state === 'connecting' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  request(method: string, params: Params | undefined, options: CallOptions): Promise<Params> {
    if (this.state !== 'ready' || !this.peer) {
      const reason = this.state === 'connecting' ? 'still connecting' : (this.lastError ?? this.state);
      return Promise.reject(unavailableError(this.id, reason));
    }
    return this.peer.request(method, params, options);
  }

  notify(method: string, params?: Params): void {
    if (this.state === 'ready') this.peer?.notify(method, params);
  }

  /** close stops reconnecting, lets calls in flight finish for up to drainMs, then ends the transport. */
  async close(drainMs = 0): Promise<void> {
    if (this.state === 'closed') return;
    const deadline = Date.now() + drainMs;
    while (this.inflight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    this.state = 'closed';
    clearTimeout(this.retryTimer);
    this.connectAbort?.abort();
    this.peer?.fail(new Error('the server was removed from the config or the gateway is stopping'));
    const transport = this.transport;
    this.transport = undefined;
    await transport?.close().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.state === 'closed') return;
    this.setState('connecting');
    const abort = new AbortController();
    this.connectAbort = abort;
    const timer = setTimeout(() => abort.abort(new Error(`no answer within the connect timeout of ${this.server.connectTimeoutMs} ms`)), this.server.connectTimeoutMs);
    const attemptedAt = Date.now();
    let transport: UpstreamTransport | undefined;
    try {
      transport = this.createTransport();
      this.transport = transport;
      const peer = new UpstreamPeer(this.id, transport, {
        onNotification: (method, params, owner) => this.onNotification(method, params, owner),
        onSendFailure: (error) => {
          if (error instanceof TransportUnreachableError && this.state === 'ready') this.lost(transport!, error);
        },
      });
      this.peer = peer;
      transport.onclose = (reason) => this.lost(transport!, reason);
      await raceAbort(transport.start(abort.signal), abort.signal);
      const result = await peer.request(
        'initialize',
        { protocolVersion: requestedVersion, capabilities: gatewayClientCapabilities, clientInfo: { name: 'portcullis', version: '0.1.0' } },
        { timeoutMs: this.server.connectTimeoutMs, signal: abort.signal, silentCancel: true },
      );
      const protocolVersion = String(result.protocolVersion);
      if (!UPSTREAM_PROTOCOL_VERSIONS.includes(protocolVersion)) throw new Error(`it answered with protocol version ${protocolVersion}, which the gateway does not speak`);
      transport.setProtocolVersion(protocolVersion);
      peer.notify('notifications/initialized');
      this.info = {
        protocolVersion,
        capabilities: (result.capabilities as Params | undefined) ?? {},
        serverInfo: (result.serverInfo as Params | undefined) ?? {},
        instructions: typeof result.instructions === 'string' ? result.instructions : undefined,
      };
      this.catalog = await this.fetchCatalog(['tools', 'prompts', 'resources', 'resourceTemplates'], this.catalog);
      clearTimeout(timer);
      if ((this.state as ConnectionState) === 'closed' || this.transport !== transport) return;
      this.attempt = 0;
      this.lastError = undefined;
      this.setState('ready');
      this.logger.info({ server: this.id, protocolVersion, tools: this.catalog.tools.length }, 'upstream connected');
    } catch (error) {
      clearTimeout(timer);
      const reason = abort.signal.aborted && abort.signal.reason instanceof Error ? abort.signal.reason : (error as Error);
      // A refused credential may have been rotated since the last refresh: refetch before the retry.
      if (this.refreshCredentials && isCredentialRefusal(error)) await this.refreshCredentials(attemptedAt).catch(() => undefined);
      if (transport) this.lost(transport, reason);
      else this.scheduleRetry(reason);
    }
  }

  /**
   * fetchCatalog fetches lists. On connect a list that fails is empty; on a refetch after
   * list_changed it keeps its previous entries, so one slow answer does not make a live
   * server's tools vanish for every client.
   */
  private async fetchCatalog(kinds: readonly CatalogKind[], previous: UpstreamCatalog, refetch = false): Promise<UpstreamCatalog> {
    const capabilities = this.info?.capabilities ?? {};
    const next: Record<CatalogKind, readonly CatalogItem[]> = { ...previous };
    await Promise.all(
      kinds.map(async (kind) => {
        const capability = kind === 'resourceTemplates' ? 'resources' : kind;
        if (!capabilities[capability]) {
          next[kind] = [];
          return;
        }
        try {
          next[kind] = await fetchCatalogList(kind, (method, params) => this.peer!.request(method, params, { timeoutMs: this.server.callTimeoutMs }));
        } catch (error) {
          this.logger.warn({ server: this.id, list: kind, err: (error as Error).message }, refetch ? 'upstream list failed; keeping the previous one' : 'upstream list failed; treating it as empty');
          next[kind] = refetch ? previous[kind] : [];
        }
      }),
    );
    return next;
  }

  private onNotification(method: string, params: Params | undefined, owner: CallOwner | undefined): void {
    const kinds = listChangedKinds[method];
    if (!kinds) return this.events.onNotification(this, method, params, owner);
    // Two refetches of one list can finish out of order; only the latest may win.
    const sequence = (this.refetches.get(method) ?? 0) + 1;
    this.refetches.set(method, sequence);
    const peer = this.peer;
    void this.fetchCatalog(kinds, this.catalog, true).then((fetched) => {
      if (this.state !== 'ready' || this.peer !== peer || this.refetches.get(method) !== sequence) return;
      const catalog = { ...this.catalog };
      for (const kind of kinds) catalog[kind] = fetched[kind];
      this.catalog = catalog;
      this.generation++;
      this.events.onCatalogChange(this);
    }).catch((error: unknown) => {
      // A listener that throws must not become an unhandled rejection, which would end the process.
      this.logger.error({ server: this.id, err: (error as Error).message }, 'applying a changed catalog failed');
    });
  }

  private lost(transport: UpstreamTransport, reason: Error): void {
    if (this.transport !== transport || this.state === 'closed') return;
    this.transport = undefined;
    this.peer?.fail(reason);
    this.peer = undefined;
    void transport.close().catch(() => undefined);
    this.scheduleRetry(reason);
  }

  private scheduleRetry(reason: Error): void {
    if (this.state === 'closed') return;
    this.lastError = unavailableReason(this.id, reason.message);
    const { initialDelayMs, maxDelayMs } = this.server.restart;
    // Full exponential backoff with jitter in [50%, 100%] so restarts of many gateways do not align.
    const delay = Math.min(maxDelayMs, initialDelayMs * 2 ** this.attempt) * (0.5 + Math.random() / 2);
    this.attempt++;
    this.logger.warn({ server: this.id, err: reason.message, retryInMs: Math.round(delay) }, 'upstream unavailable');
    this.setState('down');
    this.retryTimer = setTimeout(() => void this.connect(), delay);
    this.retryTimer.unref();
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    const previous = this.state;
    this.state = state;
    this.generation++;
    if (upstreamStateChannel.hasSubscribers) {
      upstreamStateChannel.publish({
        serverId: this.id,
        state,
        restart: state === 'ready' && this.readySince !== undefined,
        error: state === 'down' ? this.lastError : undefined,
        connectedMs: previous === 'ready' && this.readySince !== undefined ? Date.now() - this.readySince : undefined,
      } satisfies UpstreamStateEvent);
    }
    if (state === 'ready') this.readySince = Date.now();
    this.events.onStateChange(this);
  }
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error as Error);
      },
    );
  });
}
