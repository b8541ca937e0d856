/**
 * PendingAnswers matches JSON-RPC answers to the requests waiting for them, by numeric id. The
 * stdio and legacy-SSE drivers both receive answers out of band (a pipe, an event stream) and
 * share this; an answer nobody waits for is ignored, and fail() rejects everyone still waiting.
 */
type Waiter = { resolve(message: Record<string, unknown>): void; reject(error: Error): void };

export class PendingAnswers {
  private readonly waiting = new Map<number, Waiter>();
  /** closedReason is set once the connection failed; later waits reject at once. */
  closedReason: string | undefined;

  /** wait registers a request id and resolves with its answer. */
  wait(id: number): Promise<Record<string, unknown>> {
    if (this.closedReason !== undefined) return Promise.reject(new Error(this.closedReason));
    return new Promise((resolve, reject) => this.waiting.set(id, { resolve, reject }));
  }

  /** forget drops a waiter whose request could not be sent. */
  forget(id: number): void {
    this.waiting.delete(id);
  }

  /** deliver parses one message and settles its waiter, if any. */
  deliver(text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const id = (message as { id?: unknown }).id;
    if (typeof id !== 'number') return;
    const waiter = this.waiting.get(id);
    if (!waiter) return;
    this.waiting.delete(id);
    waiter.resolve(message as Record<string, unknown>);
  }

  fail(reason: string): void {
    this.closedReason ??= reason;
    for (const waiter of this.waiting.values()) waiter.reject(new Error(reason));
    this.waiting.clear();
  }
}

/**
 * resultOf sends a setup request (initialize, tools/list) through a driver's `send` and returns
 * its result, or throws with the answer when there is none.
 */
export async function resultOf(
  send: (id: number, payload: string) => Promise<Record<string, unknown>>,
  id: number,
  method: string,
  params: unknown,
): Promise<Record<string, unknown>> {
  const answer = await send(id, JSON.stringify({ jsonrpc: '2.0', id, method, params }));
  const value = answer['result'];
  if (typeof value !== 'object' || value === null) throw new Error(`${method} failed: ${JSON.stringify(answer).slice(0, 300)}`);
  return value as Record<string, unknown>;
}
