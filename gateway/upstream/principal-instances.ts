/**
 * PrincipalInstances runs a per-principal server: one connection (for stdio, one child process)
 * per caller, each with that caller's own credential, never shared. Callers are told apart by
 * Principal.key (method, issuer and id), so the same id from two issuers gets two instances. Instances start on a
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

  /**
   * representative is the instance whose catalog lists show: the most recently used ready one.
   * Never a down one: its state and error are one user's, and must not turn other users away.
   */
  representative(): UpstreamConnection | undefined {
    let best: Instance | undefined;
    for (const instance of this.#instances.values()) {
      if (instance.connection.state === 'ready' && (!best || instance.lastUsedAt > best.lastUsedAt)) best = instance;
    }
    return best?.connection;
  }

  connections(): UpstreamConnection[] {
    return [...this.#instances.values()].map((instance) => instance.connection);
  }

  /** boundReferences are the server's references as `principal` uses them. */
  boundReferences(principal: Principal): SecretReference[] {
    const instance = this.#instances.get(principal.key);
    if (instance) return [...instance.references];
    return [...boundTemplates(this.server, principal).values()].flatMap((template) => [...template.references]);
  }

  /**
   * connectionFor returns the principal's instance, starting it if needed (its credential
   * fetched first). It throws NotProvisionedError when the principal has no credential here.
   */
  async connectionFor(principal: Principal): Promise<UpstreamConnection> {
    if (this.#closed) throw new RpcError(JsonRpcErrorCode.upstreamUnavailable, `server ${this.id} is unavailable: it is being replaced`);
    const instance = this.#instances.get(principal.key);
    if (instance) {
      instance.lastUsedAt = Date.now();
      return instance.connection;
    }
    let starting = this.#starting.get(principal.key);
    if (!starting) {
      starting = this.#start(principal).finally(() => this.#starting.delete(principal.key));
      this.#starting.set(principal.key, starting);
    }
    return starting;
  }

  /** renew stops, after their calls finish, the stdio instances whose credentials changed; the next call starts them anew. */
  renew(changed: ReadonlySet<string>): void {
    if (this.server.transport.type !== 'stdio') return;
    for (const [principalKey, instance] of this.#instances) {
      if (!instance.references.some((reference) => changed.has(reference.text))) continue;
      void this.#stop(principalKey, instance, this.server.callTimeoutMs, 'its credential changed');
    }
  }

  async close(drainMs: number): Promise<void> {
    this.#closed = true;
    clearInterval(this.#sweepTimer);
    // Starts in progress finish first (and see #closed), so none adds an instance after this.
    await Promise.allSettled([...this.#starting.values()]);
    await Promise.all([...this.#instances].map(([principalKey, instance]) => this.#stop(principalKey, instance, drainMs, 'the server was reconfigured or the gateway is stopping')));
  }

  async #start(principal: Principal): Promise<UpstreamConnection> {
    const templates = boundTemplates(this.server, principal);
    const references = [...templates.values()].flatMap((template) => [...template.references]);
    await this.secrets.acquire(references);
    try {
      if (this.#closed) throw new RpcError(JsonRpcErrorCode.upstreamUnavailable, `server ${this.id} is unavailable: it is being replaced`);
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
    this.#instances.set(principal.key, { connection, references, lastUsedAt: Date.now() });
    this.logger.info({ server: this.id, principal: principal.id, instances: this.#instances.size }, 'per-principal instance starting');
    connection.start();
    this.#sweepTimer ??= setInterval(() => this.#sweep(), Math.max(1000, Math.min(this.server.perPrincipalLimits.idleTimeoutMs / 2, 30_000))).unref();
    await connection.whenSettled(this.server.connectTimeoutMs);
    return connection;
  }

  /** makeRoom stops the least recently used idle instance when the cap is reached, or refuses. */
  #makeRoom(): void {
    const { maxInstances } = this.server.perPrincipalLimits;
    // Starts past this point are in #instances already; the others (this one included) are not.
    const startingElsewhere = [...this.#starting.keys()].filter((key) => !this.#instances.has(key)).length - 1;
    if (this.#instances.size + startingElsewhere < maxInstances) return;
    const idle = [...this.#instances]
      .filter(([key, instance]) => instance.connection.inflight === 0 && !this.#starting.has(key))
      .sort(([, a], [, b]) => a.lastUsedAt - b.lastUsedAt)[0];
    if (!idle) {
      throw new RpcError(JsonRpcErrorCode.upstreamUnavailable, `server ${this.id} is unavailable: all ${maxInstances} per-principal instances are busy (perPrincipal.maxInstances); retry shortly`);
    }
    void this.#stop(idle[0], idle[1], 0, 'making room under perPrincipal.maxInstances');
  }

  #sweep(): void {
    const cutoff = Date.now() - this.server.perPrincipalLimits.idleTimeoutMs;
    for (const [principalKey, instance] of this.#instances) {
      if (instance.lastUsedAt < cutoff && instance.connection.inflight === 0) void this.#stop(principalKey, instance, 0, 'idle');
    }
  }

  async #stop(principalKey: string, instance: Instance, drainMs: number, reason: string): Promise<void> {
    if (this.#instances.get(principalKey) === instance) this.#instances.delete(principalKey);
    this.logger.info({ server: this.id, principal: principalKey, reason }, 'per-principal instance stopping');
    await instance.connection.close(drainMs);
    this.secrets.release(instance.references);
  }
}
