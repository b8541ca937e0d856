/**
 * UpstreamPool holds one connection per configured server and carries them across reloads:
 * a server whose transport did not change keeps its connection (and its child process); a
 * changed one is connected anew before the swap; a removed one finishes its calls in flight
 * and is then closed.
 */
import type { Logger } from '../log/logger.ts';
import type { Runtime, ServerRuntime } from '../runtime/runtime.ts';
import { transportFingerprint } from './create-transport.ts';
import { UpstreamConnection, type ConnectionEvents } from './upstream-connection.ts';
import type { UpstreamTransport } from './transport.ts';

export type TransportFactory = (server: ServerRuntime) => UpstreamTransport;

interface Entry {
  readonly connection: UpstreamConnection;
  readonly fingerprint: string;
}

export class UpstreamPool {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly createTransport: TransportFactory,
    private readonly events: ConnectionEvents,
    private readonly logger: Logger,
  ) {}

  get(serverId: string): UpstreamConnection | undefined {
    return this.entries.get(serverId)?.connection;
  }

  connections(): UpstreamConnection[] {
    return [...this.entries.values()].map((entry) => entry.connection);
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
        existing.connection.server = server;
        continue;
      }
      const connection: UpstreamConnection = new UpstreamConnection(server, (): UpstreamTransport => this.createTransport(connection.server), this.events, this.logger);
      connection.start();
      started.push([server, { connection, fingerprint }]);
    }
    await Promise.all(started.map(([server, entry]) => entry.connection.whenSettled(server.connectTimeoutMs)));
    const retired: UpstreamConnection[] = [];
    for (const [server, entry] of started) {
      const previous = this.entries.get(server.id);
      if (previous) retired.push(previous.connection);
      this.entries.set(server.id, entry);
    }
    for (const [id, entry] of this.entries) {
      if (runtime.servers.has(id)) continue;
      this.entries.delete(id);
      retired.push(entry.connection);
    }
    for (const connection of retired) {
      void connection.close(drainMs).then(() => this.logger.info({ server: connection.id }, 'upstream connection retired'));
    }
  }

  /** closeAll drains and closes every connection (shutdown). */
  async closeAll(drainMs: number): Promise<void> {
    const connections = this.connections();
    this.entries.clear();
    await Promise.all(connections.map((connection) => connection.close(drainMs)));
  }
}
