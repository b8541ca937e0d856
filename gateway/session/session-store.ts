/**
 * SessionStore owns the live sessions: unguessable ids, the session cap, and the idle sweep
 * that ends sessions nobody used for the configured idle timeout (a session with a call in
 * flight or an open GET stream is in use).
 */
import { randomBytes } from 'node:crypto';
import type { Session } from './session.ts';
import { sessionEndChannel, type SessionEndEvent } from '../telemetry/events.ts';

/** SessionEndReason says why a session ended: idle expiry, client DELETE, gateway shutdown, or its principal was revoked. */
export type SessionEndReason = 'idle' | 'deleted' | 'shutdown' | 'revoked';

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private sweeper: NodeJS.Timeout | undefined;

  constructor(private readonly onEnd: (session: Session, reason: SessionEndReason) => void) {}

  get size(): number {
    return this.sessions.size;
  }

  /** newId returns 192 random bits, base64url: visible ASCII as the spec requires, and unguessable. */
  newId(): string {
    return randomBytes(24).toString('base64url');
  }

  add(session: Session): void {
    this.sessions.set(session.id, session);
  }

  get(id: string): Session | undefined {
    return this.sessions.get(id);
  }

  values(): IterableIterator<Session> {
    return this.sessions.values();
  }

  end(id: string, reason: SessionEndReason): boolean {
    const session = this.sessions.get(id);
    if (!session) return false;
    this.sessions.delete(id);
    session.close();
    if (sessionEndChannel.hasSubscribers) sessionEndChannel.publish({ session, reason } satisfies SessionEndEvent);
    this.onEnd(session, reason);
    return true;
  }

  /** startSweeping ends idle sessions; `idleTimeoutMs` is read on each sweep so a reload applies. */
  startSweeping(idleTimeoutMs: () => number): void {
    const sweep = (): void => {
      const limit = idleTimeoutMs();
      const now = Date.now();
      for (const session of [...this.sessions.values()]) {
        if (session.busy) session.lastActivity = now;
        else if (now - session.lastActivity > limit) this.end(session.id, 'idle');
      }
      this.sweeper = setTimeout(sweep, Math.min(60_000, Math.max(250, limit / 4)));
      this.sweeper.unref();
    };
    sweep();
  }

  endAll(): void {
    clearTimeout(this.sweeper);
    for (const id of [...this.sessions.keys()]) this.end(id, 'shutdown');
  }
}
