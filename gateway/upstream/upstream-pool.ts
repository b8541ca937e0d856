/**
 * UpstreamPool holds the connections of every configured server and carries them across
 * reloads: a server whose transport did not change keeps its connection (and its child
 * process); a changed one is connected anew before the swap; a removed one finishes its calls in
 * flight and is then closed. A per-principal server holds its instances instead of one
 * connection (principal-instances.ts).
 *
 * When secrets change, only the servers using them react: a stdio child is replaced by one
 * started with the new environment, and the old one finishes its calls first; HTTP upstreams
 * need nothing, because their headers are resolved per request.
 */
import type { Principal } from '../auth/principal.ts';
import type { Logger } from '../log/logger.ts';
import type { Runtime, ServerRuntime } from '../runtime/runtime.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { transportFingerprint } from './create-transport.ts';
import { PrincipalInstances } from './principal-instances.ts';
import { UpstreamConnection, type ConnectionEvents } from './upstream-connection.ts';
import type { UpstreamTransport } from './transport.ts';

/** TransportFactory builds a server's transport; `principal` is set for a per-principal server's instance. */
export type TransportFactory = (server: ServerRuntime, principal?: Principal) => UpstreamTransport;

type Entry =
  | { readonly connection: UpstreamConnection; readonly instances?: undefined; readonly fingerprint: string }
  | { readonly connection?: undefined; readonly instances: PrincipalInstances; readonly fingerprint: string };

type Retirable = UpstreamConnection | PrincipalInstances;

export class UpstreamPool {
  private readonly entries = new Map<string, Entry>();
  /** replacements counts credential restarts per server, so only the latest one swaps in. */
  private readonly replacements = new Map<string, number>();

  constructor(
    private readonly createTransport: TransportFactory,
    private readonly secrets: SecretStore,
    private readonly events: ConnectionEvents,
    private readonly logger: Logger,
  ) {}

  /** get is the server's connection; for a per-principal server, the instance whose catalog lists show. */
  get(serverId: string): UpstreamConnection | undefined {
    const entry = this.entries.get(serverId);
    return entry?.connection ?? entry?.instances.representative();
  }

  /** instances are a per-principal server's instances, or undefined for a shared server. */
  instances(serverId: string): PrincipalInstances | undefined {
    return this.entries.get(serverId)?.instances;
  }

  /** connectionFor is the connection that serves `principal`'s calls to the server. */
  async connectionFor(serverId: string, principal: Principal): Promise<UpstreamConnection | undefined> {
    const entry = this.entries.get(serverId);
    return entry?.connection ?? entry?.instances.connectionFor(principal);
  }

  connections(): UpstreamConnection[] {
    return [...this.entries.values()].flatMap((entry) => (entry.connection ? [entry.connection] : entry.instances.connections()));
  }

  /**
   * apply makes the pool match a runtime. New and changed servers get a connection that has
   * settled (ready, or failed its first attempt) before it replaces the old one, so a reload
   * never routes calls to a connection that has not tried yet. Old connections drain for up to
   * drainMs in the background.
   */
  async apply(runtime: Runtime, drainMs: number): Promise<void> {
    const started: [ServerRuntime, Entry][] = [];
    for (const server of runtime.servers.values()) {
      const fingerprint = transportFingerprint(server);
      const existing = this.entries.get(server.id);
      if (existing && existing.fingerprint === fingerprint) {
        (existing.connection ?? existing.instances).server = server;
        continue;
      }
      started.push([server, this.newEntry(server, fingerprint)]);
    }
    await Promise.all(started.map(([server, entry]) => entry.connection?.whenSettled(server.connectTimeoutMs)));
    const retired: Retirable[] = [];
    for (const [server, entry] of started) {
      const previous = this.entries.get(server.id);
      if (previous) retired.push(previous.connection ?? previous.instances);
      this.entries.set(server.id, entry);
    }
    for (const [id, entry] of this.entries) {
      if (runtime.servers.has(id)) continue;
      this.entries.delete(id);
      retired.push(entry.connection ?? entry.instances);
    }
    for (const old of retired) void old.close(drainMs).then(() => this.logger.info({ server: old.id }, 'upstream connection retired'));
  }

  /** renew reconnects the stdio servers and instances that use a reference in `changed`. */
  async renew(changed: ReadonlySet<string>): Promise<void> {
    const replacing: Promise<void>[] = [];
    for (const [id, entry] of this.entries) {
      if (entry.instances) {
        entry.instances.renew(changed);
        continue;
      }
      const server = entry.connection.server;
      if (server.transport.type !== 'stdio' || !server.secretReferences.some((reference) => changed.has(reference.text))) continue;
      replacing.push(this.replace(id, entry));
    }
    await Promise.all(replacing);
  }

  /** closeAll drains and closes every connection (shutdown). */
  async closeAll(drainMs: number): Promise<void> {
    const entries = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(entries.map((entry) => (entry.connection ?? entry.instances).close(drainMs)));
  }

  private newEntry(server: ServerRuntime, fingerprint: string): Entry {
    if (server.perPrincipal) {
      const instances = new PrincipalInstances(server, (current, principal) => this.createTransport(current, principal), this.secrets, this.events, this.logger);
      return { instances, fingerprint };
    }
    const connection: UpstreamConnection = new UpstreamConnection(
      server,
      (): UpstreamTransport => this.createTransport(connection.server),
      this.events,
      this.logger,
      (since) => this.secrets.forceRefresh(connection.server.secretReferences, since),
    );
    connection.start();
    return { connection, fingerprint };
  }

  /** replace starts a new connection for a server and swaps it in once settled; the old one finishes its calls. */
  private async replace(id: string, entry: Entry): Promise<void> {
    this.logger.info({ server: id }, 'upstream credentials changed; restarting it once its calls finish');
    const turn = (this.replacements.get(id) ?? 0) + 1;
    this.replacements.set(id, turn);
    const next = this.newEntry(entry.connection!.server, entry.fingerprint);
    await next.connection!.whenSettled(next.connection!.server.connectTimeoutMs);
    // A reload replaced the entry, or a newer credential change started another replacement.
    if (this.entries.get(id) !== entry || this.replacements.get(id) !== turn) return void next.connection!.close(0);
    // A reload may have updated the old connection's runtime while this one connected.
    next.connection!.server = entry.connection!.server;
    this.entries.set(id, next);
    void entry.connection!.close(next.connection!.server.callTimeoutMs).then(() => this.logger.info({ server: id }, 'upstream connection retired'));
  }
}
