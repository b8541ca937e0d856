/**
 * PrincipalInstances runs a per-principal server: one connection (for stdio, one child process)
 * per caller, each with that caller's own credential, never shared. Instances start on a
 * principal's first use, stop after `perPrincipal.idleTimeout` without calls, and number at most
 * `perPrincipal.maxInstances`; at the cap the least recently used idle instance makes room, and
 * when none is idle the caller is told to retry.
 *
 * The server's catalog is the same software for everyone, so lists show the catalog of the most
 * recently connected instance; policies still decide who sees what.
 */
import type { Principal } from '../auth/principal.ts';
import { JsonRpcErrorCode } from '../jsonrpc/message.ts';
import { RpcError } from '../jsonrpc/rpc-error.ts';
import type { Logger } from '../log/logger.ts';
import type { ServerRuntime } from '../runtime/runtime.ts';
import type { SecretReference } from '../secrets/reference.ts';
import { resolveTemplates } from '../secrets/resolve-template.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { boundTemplates } from './create-transport.ts';
import type { UpstreamTransport } from './transport.ts';
import { UpstreamConnection, type ConnectionEvents } from './upstream-connection.ts';

export type PrincipalTransportFactory = (server: ServerRuntime, principal: Principal) => UpstreamTransport;

interface Instance {
  readonly connection: UpstreamConnection;
  /** references are the bound references this instance holds in the store. */
  readonly references: readonly SecretReference[];
  lastUsedAt: number;
}

export class PrincipalInstances {
  readonly #instances = new Map<string, Instance>();
  /** #starting shares one start between concurrent first calls of a principal. */
  readonly #starting = new Map<string, Promise<UpstreamConnection>>();
  #sweepTimer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(
    public server: ServerRuntime,
    private readonly createTransport: PrincipalTransportFactory,
    private readonly secrets: SecretStore,
    private readonly events: ConnectionEvents,
    private readonly logger: Logger,
  ) {}

  get id(): string {
    return this.server.id;
  }

  /** representative is the instance whose catalog lists show: the most recently used ready one. */
  representative(): UpstreamConnection | undefined {
    let best: Instance | undefined;
    for (const instance of this.#instances.values()) {
      if (instance.connection.state === 'ready' && (!best || instance.lastUsedAt > best.lastUsedAt)) best = instance;
    }
    return best?.connection ?? [...this.#instances.values()][0]?.connection;
  }

  connections(): UpstreamConnection[] {
    return [...this.#instances.values()].map((instance) => instance.connection);
  }

  /** has says whether `principal` has an instance already. */
  has(principal: Principal): boolean {
    return this.#instances.has(principal.id);
  }

  /** boundReferences are the server's references as `principal` uses them. */
  boundReferences(principal: Principal): SecretReference[] {
    const instance = this.#instances.get(principal.id);
    if (instance) return [...instance.references];
    return [...boundTemplates(this.server, principal).values()].flatMap((template) => [...template.references]);
  }

  /**
   * connectionFor returns the principal's instance, starting it if needed (its credential
   * fetched first). It throws NotProvisionedError when the principal has no credential here.
   */
  async connectionFor(principal: Principal): Promise<UpstreamConnection> {
    if (this.#closed) throw new RpcError(JsonRpcErrorCode.upstreamUnavailable, `server ${this.id} is unavailable: it is being replaced`);
    const instance = this.#instances.get(principal.id);
    if (instance) {
      instance.lastUsedAt = Date.now();
      return instance.connection;
    }
    let starting = this.#starting.get(principal.id);
    if (!starting) {
      starting = this.#start(principal).finally(() => this.#starting.delete(principal.id));
      this.#starting.set(principal.id, starting);
    }
    return starting;
  }

  /** renew stops, after their calls finish, the stdio instances whose credentials changed; the next call starts them anew. */
  renew(changed: ReadonlySet<string>): void {
    if (this.server.transport.type !== 'stdio') return;
    for (const [principalId, instance] of this.#instances) {
      if (!instance.references.some((reference) => changed.has(reference.text))) continue;
      this.#stop(principalId, instance, this.server.callTimeoutMs, 'its credential changed');
    }
  }

  async close(drainMs: number): Promise<void> {
    this.#closed = true;
    clearInterval(this.#sweepTimer);
    await Promise.all([...this.#instances].map(([principalId, instance]) => this.#stop(principalId, instance, drainMs, 'the server was reconfigured or the gateway is stopping')));
  }

  async #start(principal: Principal): Promise<UpstreamConnection> {
    const templates = boundTemplates(this.server, principal);
    const references = [...templates.values()].flatMap((template) => [...template.references]);
    await this.secrets.acquire(references);
    try {
      // Resolving once here turns "no secret for you" into the caller's error, not a reconnect loop.
      resolveTemplates(templates, this.secrets);
      this.#makeRoom();
    } catch (error) {
      this.secrets.release(references);
      throw error;
    }
    const connection: UpstreamConnection = new UpstreamConnection(
      this.server,
      () => this.createTransport(connection.server, principal),
      this.events,
      this.logger,
      (since) => this.secrets.forceRefresh(references, since),
    );
    this.#instances.set(principal.id, { connection, references, lastUsedAt: Date.now() });
    this.logger.info({ server: this.id, principal: principal.id, instances: this.#instances.size }, 'per-principal instance starting');
    connection.start();
    this.#sweepTimer ??= setInterval(() => this.#sweep(), Math.max(1000, Math.min(this.server.perPrincipalLimits.idleTimeoutMs / 2, 30_000))).unref();
    await connection.whenSettled(this.server.connectTimeoutMs);
    return connection;
  }

  /** makeRoom stops the least recently used idle instance when the cap is reached, or refuses. */
  #makeRoom(): void {
    const { maxInstances } = this.server.perPrincipalLimits;
    if (this.#instances.size + this.#starting.size - 1 < maxInstances) return;
    const idle = [...this.#instances].filter(([, instance]) => instance.connection.inflight === 0).sort(([, a], [, b]) => a.lastUsedAt - b.lastUsedAt)[0];
    if (!idle) {
      throw new RpcError(JsonRpcErrorCode.upstreamUnavailable, `server ${this.id} is unavailable: all ${maxInstances} per-principal instances are busy (perPrincipal.maxInstances); retry shortly`);
    }
    void this.#stop(idle[0], idle[1], 0, 'making room under perPrincipal.maxInstances');
  }

  #sweep(): void {
    const cutoff = Date.now() - this.server.perPrincipalLimits.idleTimeoutMs;
    for (const [principalId, instance] of this.#instances) {
      if (instance.lastUsedAt < cutoff && instance.connection.inflight === 0) void this.#stop(principalId, instance, 0, 'idle');
    }
  }

  async #stop(principalId: string, instance: Instance, drainMs: number, reason: string): Promise<void> {
    if (this.#instances.get(principalId) === instance) this.#instances.delete(principalId);
    this.logger.info({ server: this.id, principal: principalId, reason }, 'per-principal instance stopping');
    await instance.connection.close(drainMs);
    this.secrets.release(instance.references);
  }
}
