/**
 * SubscriptionRegistry records which sessions subscribed to which resource of which server.
 * Upstream connections are shared, so the gateway holds one upstream subscription per URI and
 * fans updates out itself: the first subscriber subscribes upstream, the last one to leave (by
 * unsubscribing or by its session ending) unsubscribes, and a reconnected server is subscribed
 * again to everything sessions still hold.
 */

/** MAX_SUBSCRIPTIONS_PER_SESSION bounds the upstream work one client can cause. */
export const MAX_SUBSCRIPTIONS_PER_SESSION = 1000;

export class SubscriptionRegistry {
  /** byServer maps server id → URI → subscribed session ids. */
  private readonly byServer = new Map<string, Map<string, Set<string>>>();
  private readonly perSession = new Map<string, Set<string>>();

  /** countFor is how many URIs a session holds. */
  countFor(sessionId: string): number {
    return this.perSession.get(sessionId)?.size ?? 0;
  }

  has(serverId: string, uri: string, sessionId: string): boolean {
    return this.byServer.get(serverId)?.get(uri)?.has(sessionId) ?? false;
  }

  /** add records a subscription; true when it is the first for that URI (subscribe upstream). */
  add(serverId: string, uri: string, sessionId: string): boolean {
    let uris = this.byServer.get(serverId);
    if (!uris) this.byServer.set(serverId, (uris = new Map()));
    let sessions = uris.get(uri);
    const first = !sessions || sessions.size === 0;
    if (!sessions) uris.set(uri, (sessions = new Set()));
    sessions.add(sessionId);
    let keys = this.perSession.get(sessionId);
    if (!keys) this.perSession.set(sessionId, (keys = new Set()));
    keys.add(`${serverId}\n${uri}`);
    return first;
  }

  /** remove drops a subscription; true when it was the last for that URI (unsubscribe upstream). */
  remove(serverId: string, uri: string, sessionId: string): boolean {
    const uris = this.byServer.get(serverId);
    const sessions = uris?.get(uri);
    if (!sessions?.delete(sessionId)) return false;
    this.perSession.get(sessionId)?.delete(`${serverId}\n${uri}`);
    if (sessions.size > 0) return false;
    uris!.delete(uri);
    return true;
  }

  /** removeSession drops every subscription of an ended session; returns those now without subscribers. */
  removeSession(sessionId: string): { serverId: string; uri: string }[] {
    const emptied: { serverId: string; uri: string }[] = [];
    for (const key of this.perSession.get(sessionId) ?? []) {
      const [serverId, uri] = key.split('\n') as [string, string];
      if (this.remove(serverId, uri, sessionId)) emptied.push({ serverId, uri });
    }
    this.perSession.delete(sessionId);
    return emptied;
  }

  /** subscribers lists the sessions subscribed to a URI of a server. */
  subscribers(serverId: string, uri: string): ReadonlySet<string> {
    return this.byServer.get(serverId)?.get(uri) ?? new Set();
  }

  /** urisOf lists the URIs of a server that sessions hold. */
  urisOf(serverId: string): string[] {
    return [...(this.byServer.get(serverId)?.keys() ?? [])];
  }
}
